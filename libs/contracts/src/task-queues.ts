/** The task queue every return workflow and its activities run on. */
export const RETURNS_TASK_QUEUE = 'avrr-returns';
