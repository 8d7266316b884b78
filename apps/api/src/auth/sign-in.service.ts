import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { authConfig, type AuthConfig } from '@avrr/config';
import { SignInRefusedError, SignInThrottledError } from '../errors/domain-errors';
import { principalOf, StaffDirectory } from '../staff/staff-directory';
import { DUMMY_HASH, verifyPassword } from './password-hasher';
import type { StaffPrincipal } from './principal';
import { TokenService } from './token-service';

/** An address may try a few accounts (a shared office behind one address), but not many. */
const ADDRESS_FACTOR = 4;

/**
 * Local sign-in, slowed down per account and address: an attempt is counted in PostgreSQL (one atomic upsert)
 * before its password is checked, so concurrent guesses get no more checks than the limit, on every instance of
 * the API. Past the limit, that account from that address is refused until the window moves on; the same account
 * from another address is not, so an attacker cannot lock anyone out, the administrator included.
 */
@Injectable()
export class SignInService {
  constructor(
    @Inject(authConfig.KEY) private readonly config: AuthConfig,
    private readonly dataSource: DataSource,
    private readonly staff: StaffDirectory,
    private readonly tokens: TokenService,
  ) {}

  async signIn(username: string, password: string, address: string) {
    const keys = { pair: `account:${username}|${address}`, address: `address:${address}` };
    await this.countAttempt(keys);
    const user = await this.staff.findForSignIn(username);
    const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !valid || !user.active) throw new SignInRefusedError();
    await this.takeBack(keys);
    const principal: StaffPrincipal = principalOf(user);
    return { principal, ...(await this.tokens.issue(principal, user.accessVersion)), tokenType: 'Bearer' as const };
  }

  /** Counts the attempt under both keys, starting a new window where the last one is over; refuses past the limit. */
  private async countAttempt(keys: { pair: string; address: string }): Promise<void> {
    const { maxFailures, windowSeconds } = this.config.loginThrottle;
    const rows: { key: string; attempts: number; retry_after: number }[] = await this.dataSource.query(
      `INSERT INTO sign_in_attempts AS a (key, window_started_at, attempts)
       VALUES ($1, now(), 1), ($2, now(), 1)
       ON CONFLICT (key) DO UPDATE SET
         attempts = CASE WHEN a.window_started_at <= now() - make_interval(secs => $3) THEN 1 ELSE a.attempts + 1 END,
         window_started_at = CASE WHEN a.window_started_at <= now() - make_interval(secs => $3)
                                  THEN now() ELSE a.window_started_at END
       RETURNING key, attempts,
         ceil(extract(epoch FROM window_started_at + make_interval(secs => $3) - now()))::int AS retry_after`,
      [keys.pair, keys.address, windowSeconds],
    );
    const over = rows.filter(
      ({ key, attempts }) => attempts > (key === keys.pair ? maxFailures : maxFailures * ADDRESS_FACTOR),
    );
    if (over.length > 0) throw new SignInThrottledError(Math.max(1, ...over.map((r) => r.retry_after)));
  }

  /** A success: the account starts afresh from this address, and the address gets its attempt back. */
  private async takeBack(keys: { pair: string; address: string }): Promise<void> {
    await this.dataSource.query(`DELETE FROM sign_in_attempts WHERE key = $1`, [keys.pair]);
    await this.dataSource.query(`UPDATE sign_in_attempts SET attempts = greatest(attempts - 1, 0) WHERE key = $1`, [
      keys.address,
    ]);
  }
}
