import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { authConfig, type AuthConfig } from '@avrr/config';
import { StaffDirectory } from '../staff/staff-directory';

/** Where no administrator exists yet (a fresh database), creates the one named by AUTH_ADMIN_USERNAME / _PASSWORD. */
@Injectable()
export class FirstAdministrator implements OnApplicationBootstrap {
  private readonly logger = new Logger(FirstAdministrator.name);

  constructor(
    @Inject(authConfig.KEY) private readonly config: AuthConfig,
    private readonly staff: StaffDirectory,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { username, password } = this.config.admin;
    if (!password || (await this.staff.hasAdministrator())) return;
    if (await this.staff.findForSignIn(username)) {
      // The API still starts: staff sign in and work; only an administrator's tasks wait for one.
      this.logger.error(
        `No active administrator, and "${username}" exists without the role: give it back in the database ` +
          `(staff_users.roles) or set AUTH_ADMIN_USERNAME to a new name`,
      );
      return;
    }
    await this.staff.create({
      username,
      displayName: 'Administrator',
      roles: ['administrator'],
      programmes: null,
      password,
    });
    this.logger.log(`Created the first administrator "${username}"`);
  }
}
