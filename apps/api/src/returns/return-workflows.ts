import { Injectable } from '@nestjs/common';
import {
  Client,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type WorkflowExecutionDescription,
} from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import {
  DestinationCountryAttribute,
  ProgrammeCodeAttribute,
  RETURN_WORKFLOW_TYPE,
  RETURNS_TASK_QUEUE,
  ReturnStageAttribute,
  returnWorkflowId,
  statusQuery,
  travelDocumentIssuedUpdate,
  counsellingHeldUpdate,
  declarationSignedUpdate,
  withdrawUpdate,
  travelCheckRecordedUpdate,
  flightsChosenUpdate,
  itineraryRecordedUpdate,
  accommodationArrangedUpdate,
  rebookingRequestedUpdate,
  departureConfirmedUpdate,
  transitConfirmedUpdate,
  arrivalConfirmedUpdate,
  onwardTravelConfirmedUpdate,
  planSubmittedUpdate,
  planApprovedUpdate,
  disbursementRequestedUpdate,
  disbursementApprovedUpdate,
  handoverRecordedUpdate,
  visitRecordedUpdate,
  caseClosedUpdate,
  type StaffStep,
  type ReturnStatus,
  type ReturnWorkflow,
  type ReturnWorkflowInput,
} from '@avrr/contracts';
import { StepNotAllowedError } from '../errors/domain-errors';

const QUERY_DEADLINE_MS = 2000;

const HUMAN_STEPS = {
  counselling: counsellingHeldUpdate,
  declaration: declarationSignedUpdate,
  travelDocument: travelDocumentIssuedUpdate,
  withdrawal: withdrawUpdate,
  travelCheck: travelCheckRecordedUpdate,
  flights: flightsChosenUpdate,
  itinerary: itineraryRecordedUpdate,
  accommodation: accommodationArrangedUpdate,
  rebooking: rebookingRequestedUpdate,
  departure: departureConfirmedUpdate,
  transit: transitConfirmedUpdate,
  arrival: arrivalConfirmedUpdate,
  onwardTravel: onwardTravelConfirmedUpdate,
  plan: planSubmittedUpdate,
  planApproval: planApprovedUpdate,
  disbursement: disbursementRequestedUpdate,
  disbursementApproval: disbursementApprovedUpdate,
  handover: handoverRecordedUpdate,
  monitoringVisit: visitRecordedUpdate,
  closure: caseClosedUpdate,
};
export type HumanStep = keyof typeof HUMAN_STEPS;
/** What a step tells the workflow besides who recorded it. */
export type StepPayload<K extends HumanStep> =
  (typeof HUMAN_STEPS)[K] extends UpdateDefinition<ReturnStatus, [infer A extends StaffStep]>
    ? Omit<A, 'recordedBy'>
    : never;

/** The API's side of the return workflow: start it, ask where it stands, send it what staff recorded. */
@Injectable()
export class ReturnWorkflows {
  constructor(private readonly temporal: Client) {}

  /** Starts the return, or finds the one already started for the case. */
  async start(input: ReturnWorkflowInput): Promise<void> {
    const { caseRef, policy, destinationCountry } = input;
    try {
      await this.temporal.workflow.start<ReturnWorkflow>(RETURN_WORKFLOW_TYPE, {
        workflowId: returnWorkflowId(caseRef),
        taskQueue: RETURNS_TASK_QUEUE,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        typedSearchAttributes: [
          { key: ReturnStageAttribute, value: 'intake' },
          { key: ProgrammeCodeAttribute, value: policy.programmeCode },
          { key: DestinationCountryAttribute, value: destinationCountry },
        ],
        staticSummary: `Return ${caseRef} to ${destinationCountry}, ${policy.programmeCode} policy v${policy.version}`,
      });
    } catch (error) {
      // A return that already ended keeps its id: the case is that return, not a new one.
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }

  /**
   * The live status (from the workflow's query, which needs a worker) and the execution (from the server).
   * Without a worker to answer within the deadline, the status is null and the caller falls back to the stage
   * recorded in PostgreSQL; without a workflow, both are null.
   */
  async status(
    caseRef: string,
  ): Promise<{ status: ReturnStatus | null; execution: WorkflowExecutionDescription | null }> {
    const handle = this.temporal.workflow.getHandle<ReturnWorkflow>(returnWorkflowId(caseRef));
    try {
      const [status, execution] = await Promise.all([
        this.temporal.connection
          .withDeadline(Date.now() + QUERY_DEADLINE_MS, () => handle.query(statusQuery))
          .catch((error: unknown) => {
            if (error instanceof WorkflowNotFoundError) throw error;
            return null;
          }),
        handle.describe(),
      ]);
      return { status, execution };
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return { status: null, execution: null };
      throw error;
    }
  }

  /**
   * Sends a human step to the return and waits until the workflow has accepted it: a step its current stage
   * does not allow is refused by the workflow's validator, and becomes a StepNotAllowedError.
   */
  async sendStep<K extends HumanStep>(
    caseRef: string,
    step: K,
    recordedBy: string,
    payload: StepPayload<K>,
  ): Promise<void> {
    const update = HUMAN_STEPS[step] as UpdateDefinition<ReturnStatus, [StaffStep]>;
    try {
      await this.temporal.workflow
        .getHandle<ReturnWorkflow>(returnWorkflowId(caseRef))
        .executeUpdate(update, { args: [{ ...payload, recordedBy }] });
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError)
        throw new StepNotAllowedError(error.cause?.message ?? error.message);
      if (error instanceof WorkflowNotFoundError) throw new StepNotAllowedError('the return is not running');
      throw error;
    }
  }
}
