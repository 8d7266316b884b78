/**
 * Why the process could not reach PostgreSQL, naming the server and `DATABASE_URL` (never its password). A server
 * that is down or still starting may come up, and is tried again; a refused user, password or database will not.
 */
export class DatabaseUnreachable extends Error {
  constructor(
    { url }: { url: string },
    override readonly cause: unknown,
  ) {
    super(`Cannot use the database at ${withoutPassword(url)} (DATABASE_URL): ${messageOf(cause)}`);
    this.name = 'DatabaseUnreachable';
  }
}

// Connection refused or timed out, a name not resolved yet, or PostgreSQL starting, shutting down or recovering.
const TRANSIENT = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN', '57P01', '57P02', '57P03']);

export function mayComeUp(error: unknown): boolean {
  const cause = error instanceof DatabaseUnreachable ? error.cause : error;
  const code = (cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? TRANSIENT.has(code) : /timeout/i.test(messageOf(cause));
}

function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return 'an address that is not a URL';
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
