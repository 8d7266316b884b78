import { patched } from '@temporalio/workflow';
import type { CancellationReason, PartnerKind } from '@avrr/contracts';
import { caseRecords, cancellations, persistentCancellations, type Cancellations } from './activity-proxies';
import type { CaseState } from './case-state';
import { failureClass, partnerRefusal, resendable } from './partner-calls';
import { keepFailing } from './ops-view';
import { CANCELLATIONS_RETRIED, ONE_TRUTH } from './versions';

/** Undoes one request or booking through `via`: quick tries, or tries until the partner answers. */
type Undo = (reason: CancellationReason, via: Cancellations) => Promise<void>;

interface Failed {
  undo: Undo;
  reason: CancellationReason;
  error: unknown;
}

/**
 * What a return has requested or booked, so that it can be undone newest first when the returnee withdraws.
 * Entries made for one booking can also be undone alone, when new flights replace that booking. A partner that
 * refuses is recorded for staff to undo by hand, and the others still run; a withdrawal's undo whose partner is down
 * is tried again once the others are done, until the partner answers (the case shows it meanwhile).
 */
export class Saga {
  /** `leg`: what the entry undoes, when staff may keep it (`booking`, `departure:OTP`, `transit:IST`). */
  private steps: { undo: Undo; booking?: number; leg?: string }[] = [];

  constructor(
    private readonly caseRef: string,
    private readonly state?: CaseState,
  ) {}

  add(undo: Undo, booking?: number, leg?: string): void {
    this.steps.push({ undo, booking, leg });
  }

  /**
   * Undoes what was booked and requested for booking `booking`, but the entries labelled in `keep` (after a missed
   * connection: the legs flown, and the booking, whose flights not flown are cancelled by an entry of their own).
   */
  async undoBooking(booking: number, reason: CancellationReason, keep: string[] = []): Promise<void> {
    const theirs = this.steps.filter((step) => step.booking === booking && !keep.includes(step.leg ?? ''));
    this.steps = this.steps.filter((step) => step.booking !== booking);
    for (const step of theirs.reverse()) await this.attempt(step.undo, reason);
  }

  async undoAll(reason: CancellationReason): Promise<void> {
    const all = this.steps.splice(0);
    const down: Failed[] = [];
    for (const step of all.reverse()) await this.attempt(step.undo, reason, down);
    // The case may wait a while for the partner: its record holds the decided outcome meanwhile, as the workflow does.
    if (down.length) await caseRecords.recordWithdrawn(this.caseRef);
    for (const failed of down) {
      const activity = activityOf(failed.error);
      this.state?.waitFor({
        what: `${activity} to go through, failing (${failureClass(failed.error)}): tried again until the partner answers; the case closes then`,
        partner: PARTNER_OF[activity],
        since: new Date().toISOString(),
      });
      try {
        // A supervisor may send it again at once (unstick resend) once the partner is back, not waiting out the backoff.
        await resendable(
          () => failed.undo(failed.reason, persistentCancellations),
          () => false,
        );
      } catch (error) {
        await this.recordFailure(error);
      }
    }
  }

  /** Undoes; a failure is recorded for staff, or, while its partner is down, put in `down` to be tried again. */
  private async attempt(undo: Undo, reason: CancellationReason, down?: Failed[]): Promise<void> {
    try {
      await undo(reason, cancellations);
    } catch (error) {
      if (!patched(ONE_TRUTH)) throw error;
      if (down && !partnerRefusal(error) && patched(CANCELLATIONS_RETRIED)) {
        down.push({ undo, reason, error });
        keepFailing(activityOf(error));
      } else await this.recordFailure(error);
    }
  }

  private recordFailure(error: unknown): Promise<void> {
    const activity = activityOf(error);
    // An order cut short may have booked nothing: the agency, down, could not say.
    const byHand =
      activity === 'cancelOrder'
        ? 'staff must ask the agency whether it booked under the order, and cancel it if so'
        : 'staff must cancel it with the partner by hand';
    return caseRecords.recordEvent(
      this.caseRef,
      'cancellation-failed',
      `${activity} failed (${failureClass(error)}): ${byHand}`,
    );
  }
}

/** Whom a cancellation waits on, where its partner is the one of the case's country or programme. */
const PARTNER_OF: Record<string, PartnerKind | undefined> = {
  cancelBooking: 'travel-agency',
  cancelOrder: 'travel-agency',
  cancelOnwardTravel: 'mission',
  cancelTravelDocumentRequest: 'consulate',
};

function activityOf(error: unknown): string {
  return (error as { activityType?: string }).activityType ?? 'a cancellation';
}
