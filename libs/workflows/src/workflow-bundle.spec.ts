import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';

/** The worker bundles this lib with webpack, which does not read tsconfig paths: a broken import fails here. */
describe('the workflow bundle', () => {
  it('bundles every workflow with the contracts it imports, and no I/O module', async () => {
    const { code } = await bundleWorkflowCode({
      workflowsPath: require.resolve('./index'),
      workflowInterceptorModules: [require.resolve('./ops-interceptors')],
      logger: new DefaultLogger('ERROR'),
    });
    expect(code).toContain('returnWorkflow');
    expect(code).toContain('travelDocumentIssued');
    expect(code).toContain('stepFailing');
    for (const forbidden of ['typeorm', 'nodemailer', 'node_modules/pg/', '@nestjs']) {
      expect(code).not.toContain(forbidden);
    }
  });
});
