import { basename } from 'node:path';

/**
 * Each spec file's API and worker use a task queue of their own: spec files run side by side against one Temporal
 * server, and a worker of another file (stopping, its database closed) must not take this file's tasks.
 */
process.env.TEMPORAL_TASK_QUEUE = `avrr-test-${basename(expect.getState().testPath ?? 'unknown')}`;
