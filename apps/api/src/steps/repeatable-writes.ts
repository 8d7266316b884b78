import { createHmac } from 'node:crypto';
import {
  applyDecorators,
  Inject,
  Injectable,
  SetMetadata,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiHeader } from '@nestjs/swagger';
import type { Response } from 'express';
import { catchError, concatMap, from, of, tap, throwError, type Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { authConfig, type AuthConfig } from '@avrr/config';
import { preparedQuery } from '@avrr/persistence';
import type { AuthenticatedRequest } from '../auth/principal';
import { ConflictError, RepeatTooSoonError } from '../errors/domain-errors';
import { idempotencyKeyOf } from './step-request';

/**
 * `kept`: the first answer is kept and given again. `recomputed`: the answer holds personal data, so only its status
 * is kept; the handler, idempotent by itself (a case's reference), answers the repeat.
 */
type RepeatAnswer = 'kept' | 'recomputed';
const REPEATABLE = 'repeatable-write';
/** How long a key is remembered: a repeat after that is a new request. */
const KEPT_FOR = '1 day';
/** How long a first request may take to answer before a repeat takes its place (its process may have died). */
const ABANDONED_AFTER_SECONDS = 120;
const ABANDONED_AFTER = `${ABANDONED_AFTER_SECONDS} seconds`;

/**
 * A write outside a case's steps (which have their own seam, case-steps.ts) that a client may repeat under its
 * `Idempotency-Key`: the repeat has no second effect and gets the first answer (docs/steps.md).
 */
export const RepeatableWrite = (answer: RepeatAnswer = 'kept') =>
  applyDecorators(
    SetMetadata(REPEATABLE, answer),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: `The same key with the same request is answered as the first time, with no second effect (kept ${KEPT_FOR})`,
      schema: { type: 'string', minLength: 1, maxLength: 200 },
    }),
  );

interface Kept {
  fingerprint: string;
  status: number | null;
  answer: unknown;
  /** How long ago the first request took the key. */
  ageSeconds: number;
}

@Injectable()
export class RepeatableWrites implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly dataSource: DataSource,
    @Inject(authConfig.KEY) private readonly auth: AuthConfig,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const answer = this.reflector.get<RepeatAnswer | undefined>(REPEATABLE, context.getHandler());
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = answer && idempotencyKeyOf(request);
    if (!answer || !key) return next.handle();
    const response = context.switchToHttp().getResponse<Response>();
    const fingerprint = fingerprintOf(request, this.auth.jwtSecret);

    const first = await this.claim(key, fingerprint);
    if (first) {
      return next.handle().pipe(
        concatMap(async (value: unknown) => {
          await this.keep(key, response.statusCode, answer === 'kept' ? value : null);
          return value;
        }),
        // Not kept: a refusal or a failure is answered again by the handler, which changed nothing.
        catchError((error: unknown) => from(this.forget(key)).pipe(concatMap(() => throwError(() => error)))),
      );
    }
    const kept = await this.kept(key);
    // Forgotten meanwhile (the first failed): the key is taken again, so two such repeats still run once.
    if (!kept) return this.intercept(context, next);
    if (kept.fingerprint !== fingerprint) {
      throw new ConflictError(`Idempotency-Key ${key} was used for another request`);
    }
    if (kept.status === null) {
      // As long again as the first has taken (2 s at least), and no later than it is taken over (its process died):
      // a client that honours Retry-After neither hammers the API nor waits past the takeover.
      const retryAfter = Math.max(2, Math.min(kept.ageSeconds, ABANDONED_AFTER_SECONDS - kept.ageSeconds));
      throw new RepeatTooSoonError(
        `the first request under Idempotency-Key ${key} is still being answered`,
        Math.round(retryAfter),
      );
    }
    const status = kept.status;
    response.status(status);
    return answer === 'kept' ? of(kept.answer) : next.handle().pipe(tap(() => response.status(status)));
  }

  /** True when this request is the key's first (an expired key is forgotten first). */
  private async claim(key: string, fingerprint: string): Promise<boolean> {
    const manager = this.dataSource.manager;
    await preparedQuery(manager, `DELETE FROM repeatable_writes WHERE created_at < now() - interval '${KEPT_FOR}'`, []);
    // A first request that never answered (its API process died) leaves its claim: taken over once it is that old.
    const inserted = await preparedQuery(
      manager,
      `INSERT INTO repeatable_writes (idempotency_key, fingerprint) VALUES ($1, $2)
       ON CONFLICT (idempotency_key) DO UPDATE SET created_at = now()
         WHERE repeatable_writes.status IS NULL AND repeatable_writes.fingerprint = EXCLUDED.fingerprint
           AND repeatable_writes.created_at < now() - interval '${ABANDONED_AFTER}'
       RETURNING idempotency_key`,
      [key, fingerprint],
    );
    return inserted.length === 1;
  }

  private async keep(key: string, status: number, answer: unknown): Promise<void> {
    await preparedQuery(
      this.dataSource.manager,
      `UPDATE repeatable_writes SET status = $2, answer = $3 WHERE idempotency_key = $1`,
      [key, status, answer === null || answer === undefined ? null : JSON.stringify(answer)],
    );
  }

  private async forget(key: string): Promise<void> {
    await preparedQuery(this.dataSource.manager, `DELETE FROM repeatable_writes WHERE idempotency_key = $1`, [key]);
  }

  private async kept(key: string): Promise<Kept | undefined> {
    const [row] = await preparedQuery<Kept>(
      this.dataSource.manager,
      `SELECT fingerprint, status, answer, extract(epoch FROM now() - created_at)::float8 AS "ageSeconds"
       FROM repeatable_writes WHERE idempotency_key = $1`,
      [key],
    );
    return row;
  }
}

/**
 * Who asked for what: the same key from another user, on another route or with another body is another request. Keyed
 * with the API's secret: a body may hold a new staff password, which a plain hash in the table would let anyone who
 * reads it guess at leisure.
 */
function fingerprintOf(request: AuthenticatedRequest, secret: string): string {
  const body: unknown = request.body;
  const text = typeof body === 'string' || Buffer.isBuffer(body) ? body.toString() : JSON.stringify(body ?? null);
  return createHmac('sha256', secret)
    .update(JSON.stringify([request.user?.id ?? null, request.method, request.path, text]))
    .digest('hex');
}
