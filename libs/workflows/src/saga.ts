import type { CancellationReason } from '@avrr/contracts';

type Undo = (reason: CancellationReason) => Promise<void>;

/**
 * What a return has requested or booked, so that it can be undone newest first when the returnee withdraws.
 * Entries made for one booking can also be undone alone, when new flights replace that booking.
 */
export class Saga {
  private steps: { undo: Undo; booking?: number }[] = [];

  add(undo: Undo, booking?: number): void {
    this.steps.push({ undo, booking });
  }

  async undoBooking(booking: number, reason: CancellationReason): Promise<void> {
    const theirs = this.steps.filter((step) => step.booking === booking);
    this.steps = this.steps.filter((step) => step.booking !== booking);
    for (const step of theirs.reverse()) await step.undo(reason);
  }

  async undoAll(reason: CancellationReason): Promise<void> {
    const all = this.steps.splice(0);
    for (const step of all.reverse()) await step.undo(reason);
  }
}
