import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { authConfig, type AuthConfig } from '@avrr/config';
import { StaffUserEntity } from '@avrr/persistence';
import type { AuthenticatedRequest } from './principal';

interface Access {
  active: boolean;
  version: number;
}

/**
 * Whether a local token still matches the staff directory: the user exists, is active, and their access version
 * (raised by every change of roles, grant, status or password) is the one the token was issued for. Looked up on
 * every request, cached for a moment; a change made through this instance is seen on the very next request.
 */
@Injectable()
export class StaffAccess {
  private readonly cache = new Map<string, { until: number; access: Access | null }>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(authConfig.KEY) private readonly config: AuthConfig,
  ) {}

  async stillGranted(staffId: string, tokenVersion: number): Promise<boolean> {
    const access = await this.current(staffId);
    return !!access && access.active && access.version === tokenVersion;
  }

  /**
   * Whether the request's user still has the access it was let in with: asked again before answering a request that
   * waited (a long poll), as the record may have changed meanwhile.
   */
  async stillAllows(request: AuthenticatedRequest): Promise<boolean> {
    const { user, accessVersion } = request;
    return !!user && (accessVersion == null || (await this.stillGranted(user.id, accessVersion)));
  }

  /** Forgets what is cached for the user: called after each change of their record. */
  forget(staffId: string): void {
    this.cache.delete(staffId);
  }

  private async current(staffId: string): Promise<Access | null> {
    const cached = this.cache.get(staffId);
    if (cached && cached.until > Date.now()) return cached.access;
    const user = await this.dataSource.manager.findOne(StaffUserEntity, {
      where: { id: staffId },
      select: { id: true, active: true, accessVersion: true },
    });
    const access = user && { active: user.active, version: user.accessVersion };
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(staffId, { until: Date.now() + this.config.staffCheckCacheSeconds * 1000, access });
    return access;
  }
}
