import { Inject, Injectable } from '@nestjs/common';
import {
  Client,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type WorkflowExecutionDescription,
} from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import {
  DestinationCountryAttribute,
  ProgrammeCodeAttribute,
  RETURN_WORKFLOW_TYPE,
  ReturnStageAttribute,
  ReturnErrorType,
  returnWorkflowId,
  statusQuery,
  stoppedShort,
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
  disbursementCancelledUpdate,
  handoverRecordedUpdate,
  visitRecordedUpdate,
  caseClosedUpdate,
  unstickUpdate,
  type StaffStep,
  type ReturnStatus,
  type ReturnWorkflow,
  type ReturnWorkflowInput,
} from '@avrr/contracts';
import { apiConfig, temporalConfig, type ApiConfig, type TemporalConfig } from '@avrr/config';
import { OrchestratorUnavailableError } from '../errors/domain-errors';
import { isUnavailable, withinDeadline } from './temporal-deadline';

/** A query needs a worker: without one the view falls back to the record at once. */
const QUERY_DEADLINE_MS = 1500;
/** Started, first workflow task scheduled, started: the events of a run that has not completed a workflow task. */
const FIRST_TASK_EVENTS = 3;
/** A describe needs only the server, which may be slow under load. */
const DESCRIBE_DEADLINE_MS = 5000;

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
  disbursementCancellation: disbursementCancelledUpdate,
  handover: handoverRecordedUpdate,
  monitoringVisit: visitRecordedUpdate,
  closure: caseClosedUpdate,
  unstick: unstickUpdate,
};
export type HumanStep = keyof typeof HUMAN_STEPS;
/** What a step tells the workflow besides who recorded it. */
export type StepPayload<K extends HumanStep> =
  (typeof HUMAN_STEPS)[K] extends UpdateDefinition<ReturnStatus, [infer A extends StaffStep]>
    ? Omit<A, 'recordedBy'>
    : never;

/** The least time a workflow is given to decide a step, however long the step's own writes took. */
const MIN_DECISION_MS = 300;

/** The API's side of the return workflow: start it, ask where it stands, send it what staff recorded. */
@Injectable()
export class ReturnWorkflows {
  /** How long a step waits for its workflow's decision before the API answers 503 (the step stays pending). */
  private readonly stepDeadlineMs: number;
  private readonly taskQueue: string;

  constructor(
    private readonly temporal: Client,
    @Inject(apiConfig.KEY) { stepDeadlineMs }: ApiConfig,
    @Inject(temporalConfig.KEY) { taskQueue }: TemporalConfig,
  ) {
    this.stepDeadlineMs = stepDeadlineMs;
    this.taskQueue = taskQueue;
  }

  /** Starts the return, or finds the one already started for the case; answers the run started, if this call did. */
  async start(input: ReturnWorkflowInput): Promise<{ runId: string } | undefined> {
    const { caseRef, policy, destinationCountry } = input;
    try {
      const handle = await withinDeadline(this.temporal, this.stepDeadlineMs, () =>
        this.temporal.workflow.start<ReturnWorkflow>(RETURN_WORKFLOW_TYPE, {
          workflowId: returnWorkflowId(caseRef),
          taskQueue: this.taskQueue,
          args: [input],
          workflowIdConflictPolicy: 'USE_EXISTING',
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          typedSearchAttributes: [
            { key: ReturnStageAttribute, value: 'intake' },
            { key: ProgrammeCodeAttribute, value: policy.programmeCode },
            { key: DestinationCountryAttribute, value: destinationCountry },
          ],
          staticSummary: `Return ${caseRef} to ${destinationCountry}, ${policy.programmeCode} policy v${policy.version}`,
        }),
      );
      return { runId: handle.firstExecutionRunId };
    } catch (error) {
      // A return that already ended keeps its id: the case is that return, not a new one.
      if (error instanceof WorkflowExecutionAlreadyStartedError) return;
      if (isUnavailable(error)) {
        throw new OrchestratorUnavailableError(
          'the case is recorded but its return could not be started in time: repeat the same request to start it',
        );
      }
      throw error;
    }
  }

  /**
   * The execution as the server describes it (null without a workflow), and, with `query`, the live status from the
   * workflow's query, which needs a worker: without one to answer within the deadline it is null. The case view
   * asks only for returns whose status no worker has written to PostgreSQL yet.
   */
  async status(
    caseRef: string,
    { query = true } = {},
  ): Promise<{ status: ReturnStatus | null; execution: WorkflowExecutionDescription | null }> {
    const handle = this.temporal.workflow.getHandle<ReturnWorkflow>(returnWorkflowId(caseRef));
    const notFound = (error: unknown) => {
      if (error instanceof WorkflowNotFoundError) throw error;
      return null;
    };
    try {
      const execution = await withinDeadline(this.temporal, DESCRIBE_DEADLINE_MS, () => handle.describe()).catch(
        notFound,
      );
      // A query waits for the run's first workflow task, which a busy worker may not have taken yet: a run that has
      // not completed one has no status to tell.
      const answers = query && execution !== null && execution.historyLength > FIRST_TASK_EVENTS;
      const status = answers
        ? await withinDeadline(this.temporal, QUERY_DEADLINE_MS, () => handle.query(statusQuery)).catch(notFound)
        : null;
      return { status, execution };
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return { status: null, execution: null };
      throw error;
    }
  }

  /**
   * Sends a staff step under `updateId` and answers the workflow's decision: accepted, or refused with its reason
   * (the validator's, or the product's own words where Temporal's would show). Within the deadline or not at all:
   * without a worker or a server to decide, an OrchestratorUnavailableError (503), and the step can be sent again
   * under the same id.
   */
  async decide(
    caseRef: string,
    step: HumanStep,
    updateId: string,
    arg: StaffStep,
    /** When the request came in: the step's whole answer, its own writes included, keeps to the deadline. */
    since = Date.now(),
  ): Promise<StepOutcome> {
    const deadlineMs = Math.max(MIN_DECISION_MS, since + this.stepDeadlineMs - Date.now());
    const update = HUMAN_STEPS[step] as UpdateDefinition<ReturnStatus, [StaffStep]>;
    const handle = this.temporal.workflow.getHandle<ReturnWorkflow>(returnWorkflowId(caseRef));
    try {
      await withinDeadline(this.temporal, deadlineMs, () => handle.executeUpdate(update, { args: [arg], updateId }));
      return { accepted: true };
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError) {
        const reason = error.cause?.message ?? error.message;
        if (/no registered handler/i.test(reason)) {
          return {
            accepted: false,
            transient: true,
            reason: `${kebab(step)} is not allowed while the return moves on to its next stage: try again in a moment`,
          };
        }
        const notYet = error.cause instanceof ApplicationFailure && error.cause.type === ReturnErrorType.StepNotYet;
        return { accepted: false, reason, ...(notYet && { transient: true }) };
      }
      if (error instanceof WorkflowNotFoundError) {
        const { reason, completed } = await this.notRunning(caseRef);
        return { accepted: false, reason, notRunning: completed ? 'completed' : 'stopped' };
      }
      if (isUnavailable(error)) throw new OrchestratorUnavailableError(UNAVAILABLE);
      throw error;
    }
  }

  /**
   * Why the return's workflow stopped short (terminated, failed, timed out or cancelled in Temporal, e.g. by an ops
   * engineer), as staff read it; null while it runs or once it finished.
   */
  async abnormalEnd(execution: WorkflowExecutionDescription | null): Promise<string | null> {
    const how = stoppedShort(execution?.status.name);
    if (!execution || !how) return null;
    try {
      const { history } = await withinDeadline(this.temporal, QUERY_DEADLINE_MS, () =>
        this.temporal.workflowService.getWorkflowExecutionHistory({
          namespace: this.temporal.options.namespace,
          execution: { workflowId: execution.workflowId, runId: execution.runId },
          historyEventFilterType: temporal.api.enums.v1.HistoryEventFilterType.HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT,
        }),
      );
      const [end] = history?.events ?? [];
      const reason =
        end?.workflowExecutionTerminatedEventAttributes?.reason ??
        end?.workflowExecutionFailedEventAttributes?.failure?.message;
      return reason ? `${how}: ${reason}` : how;
    } catch {
      return how;
    }
  }

  /** Why a return takes no more steps: it ended, or an ops engineer terminated it in Temporal. */
  private async notRunning(caseRef: string): Promise<{ reason: string; completed: boolean }> {
    try {
      const { status } = await withinDeadline(this.temporal, QUERY_DEADLINE_MS, () =>
        this.temporal.workflow.getHandle(returnWorkflowId(caseRef)).describe(),
      );
      return {
        reason: `the return is not running (its workflow is ${status.name.toLowerCase().replace(/_/g, ' ')})`,
        completed: status.name === 'COMPLETED',
      };
    } catch {
      return { reason: 'the return is not running', completed: false };
    }
  }
}

/**
 * `notRunning`: the return's workflow has `completed` (the case closed: no step is taken any more), or `stopped` short
 * in Temporal (an ops engineer may yet revive it with a reset).
 */
export type StepOutcome =
  { accepted: true } | { accepted: false; reason: string; transient?: boolean; notRunning?: 'completed' | 'stopped' };

const UNAVAILABLE =
  'the return could not be reached in time: the step is kept; send it again with the same Idempotency-Key';

function kebab(step: string): string {
  return step.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
