import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LocalSecrets {
  jwtSecret: string;
  adminPassword: string;
  caseWorkerPassword: string;
}

/**
 * Secrets for a local run, made once and kept in `.data/local-secrets.json` (mode 600) so tokens and
 * passwords survive a restart. Never used where AUTH_JWT_SECRET / AUTH_ADMIN_PASSWORD are set.
 */
export function localSecrets(dataDir: string): LocalSecrets {
  const file = localSecretsFile(dataDir);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as LocalSecrets;
  const secret = (bytes: number) => randomBytes(bytes).toString('base64url');
  const secrets = { jwtSecret: secret(32), adminPassword: secret(12), caseWorkerPassword: secret(12) };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** Where the secrets of the data directory `dataDir` are kept. */
export function localSecretsFile(dataDir: string): string {
  return join(dataDir, 'local-secrets.json');
}
