import type { Config } from 'jest';

/**
 * One run for every tier: unit and activity tests beside the code (`*.spec.ts`), workflow, end-to-end and
 * replay tests under test/ (`*.e2e-spec.ts`). The global setup starts one Temporal dev server, one PostgreSQL
 * database and one SMTP catcher for the whole run.
 */
const config: Config = {
  testEnvironment: 'node',
  rootDir: '.',
  testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/test/support/task-queue-per-file.ts'],
  testTimeout: 60_000,
  maxWorkers: 2,
};

export default config;
