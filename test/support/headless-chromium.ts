import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';

/**
 * A real headless Chromium from the npm registry (`@sparticuz/chromium`, driven by `playwright-core`). The package
 * is ESM-only, which Jest cannot load, so a plain Node process unpacks the browser and tells where it is.
 */
export async function launchChromium(): Promise<Browser> {
  const script =
    "const { default: c } = await import('@sparticuz/chromium');" +
    'console.log(JSON.stringify({ executablePath: await c.executablePath(), args: c.args }));';
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script]);
  const { executablePath, args } = JSON.parse(stdout) as { executablePath: string; args: string[] };
  return chromium.launch({ executablePath, args, headless: true });
}
