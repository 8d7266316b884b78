/** The ceiling's task queue and its no-op activity, registered beside the product's worker in the same process. */
export const BARE_TASK_QUEUE = 'bench-bare';

export const bareActivities = {
  async noop(): Promise<void> {},
};
