// `npm run console:api`: writes the API's OpenAPI document and the console's types generated from it
// (apps/console/src/api/). With --check (run by `npm run typecheck`), writes nothing and fails when either file
// differs from what the API's decorators give now: the console and the API cannot drift apart unnoticed.
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../apps/api/src/app.module';
import { openApiDocument } from '../apps/api/src/configure-app';

const root = resolve(__dirname, '..');
const target = join(root, 'apps/console/src/api');
const FILES = ['openapi.json', 'schema.d.ts'] as const;

async function main(): Promise<void> {
  // Preview mode reads the decorators without connecting to anything.
  const app = await NestFactory.create(AppModule, { preview: true, logger: false });
  const document = `${JSON.stringify(openApiDocument(app), null, 2)}\n`;
  await app.close();
  const check = process.argv.includes('--check');
  const scratch = mkdtempSync(join(tmpdir(), 'avrr-console-api-'));
  let stale: (typeof FILES)[number][];
  try {
    writeFileSync(join(scratch, 'openapi.json'), document);
    execFileSync(
      process.execPath,
      [
        join(root, 'node_modules/openapi-typescript/bin/cli.js'),
        join(scratch, 'openapi.json'),
        '--output',
        join(scratch, 'schema.d.ts'),
      ],
      { stdio: 'pipe' },
    );
    stale = FILES.filter((file) => {
      const fresh = readFileSync(join(scratch, file), 'utf8');
      const committed = existsSync(join(target, file)) ? readFileSync(join(target, file), 'utf8') : '';
      if (!check && fresh !== committed) writeFileSync(join(target, file), fresh);
      return fresh !== committed;
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const names = stale.map((file) => relative(root, join(target, file))).join(', ');
  if (check && stale.length) {
    console.error(`The API changed: ${names} no longer match it. Run \`npm run console:api\` and commit the result.`);
    process.exitCode = 1;
  } else if (!check) {
    console.log(stale.length ? `Wrote ${names}` : 'The console API files are up to date');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
