import { patched } from '@temporalio/workflow';
import type { CancellationReason } from '@avrr/contracts';
import { caseRecords } from './activity-proxies';
import { failureClass } from './partner-calls';
import { ONE_TRUTH } from './versions';

type Undo = (reason: CancellationReason) => Promise<void>;

/**
 * What a return has requested or booked, so that it can be undone newest first when the returnee withdraws.
 * Entries made for one booking can also be undone alone, when new flights replace that booking. Each undo is best
 * effort: one that fails (its partner refuses or stays down) is recorded for staff to do by hand, and the others
 * still run.
 */
export class Saga {
  private steps: { undo: Undo; booking?: number }[] = [];

  constructor(private readonly caseRef: string) {}

  add(undo: Undo, booking?: number): void {
    this.steps.push({ undo, booking });
  }

  async undoBooking(booking: number, reason: CancellationReason): Promise<void> {
    const theirs = this.steps.filter((step) => step.booking === booking);
    this.steps = this.steps.filter((step) => step.booking !== booking);
    for (const step of theirs.reverse()) await this.attempt(step.undo, reason);
  }

  async undoAll(reason: CancellationReason): Promise<void> {
    const all = this.steps.splice(0);
    for (const step of all.reverse()) await this.attempt(step.undo, reason);
  }

  private async attempt(undo: Undo, reason: CancellationReason): Promise<void> {
    try {
      await undo(reason);
    } catch (error) {
      if (!patched(ONE_TRUTH)) throw error;
      const activity = (error as { activityType?: string }).activityType ?? 'a cancellation';
      // An order cut short may have booked nothing: the agency, down, could not say.
      const byHand =
        activity === 'cancelOrder'
          ? 'staff must ask the agency whether it booked under the order, and cancel it if so'
          : 'staff must cancel it with the partner by hand';
      await caseRecords.recordEvent(
        this.caseRef,
        'cancellation-failed',
        `${activity} failed (${failureClass(error)}): ${byHand}`,
      );
    }
  }
}
