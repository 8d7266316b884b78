import { Inject, Injectable } from '@nestjs/common';
import { DataSource, MoreThan } from 'typeorm';
import { authConfig, type AuthConfig } from '@avrr/config';
import { LoginFailureEntity } from '@avrr/persistence';
import { SignInRefusedError, SignInThrottledError } from '../errors/domain-errors';
import { principalOf, StaffDirectory } from '../staff/staff-directory';
import { DUMMY_HASH, verifyPassword } from './password-hasher';
import type { StaffPrincipal } from './principal';
import { TokenService } from './token-service';

/**
 * Local sign-in. Failures are counted in PostgreSQL per account and per address over a window, so guessing is
 * slowed down across every instance of the API; past the limit, sign-in is refused until the window moves on.
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
    await this.refuseWhenThrottled(username, address);
    const user = await this.staff.findForSignIn(username);
    const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !valid || !user.active) {
      await this.dataSource.manager.insert(LoginFailureEntity, { username, address });
      throw new SignInRefusedError();
    }
    await this.dataSource.manager.delete(LoginFailureEntity, { username });
    const principal: StaffPrincipal = principalOf(user);
    return { principal, ...(await this.tokens.issue(principal)), tokenType: 'Bearer' as const };
  }

  private async refuseWhenThrottled(username: string, address: string): Promise<void> {
    const { maxFailures, windowSeconds } = this.config.loginThrottle;
    const since = new Date(Date.now() - windowSeconds * 1000);
    const [byAccount, byAddress] = await Promise.all([
      this.dataSource.manager.countBy(LoginFailureEntity, { username, occurredAt: MoreThan(since) }),
      this.dataSource.manager.countBy(LoginFailureEntity, { address, occurredAt: MoreThan(since) }),
    ]);
    // An address may try a few accounts (a shared office), but not many.
    if (byAccount >= maxFailures || byAddress >= maxFailures * 4) throw new SignInThrottledError(windowSeconds);
  }
}
