// The worker's workflow entry and the bundle entry: every workflow is exported from here.
export { returnWorkflow } from './return.workflow';
export { opsDigestWorkflow } from './ops-digest.workflow';
