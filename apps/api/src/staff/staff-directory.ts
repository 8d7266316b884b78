import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { preparedQuery, StaffUserEntity } from '@avrr/persistence';
import { hashPassword } from '../auth/password-hasher';
import { StaffAccess } from '../auth/staff-access';
import type { StaffPrincipal } from '../auth/principal';
import { isRole } from '../auth/roles';
import { ConflictError, InvalidFieldError, NotFoundError } from '../errors/domain-errors';

export interface NewStaffUser {
  username: string;
  displayName: string;
  roles: string[];
  programmes: string[] | null;
  password?: string;
}

export type StaffUserChanges = Partial<Pick<NewStaffUser, 'displayName' | 'roles' | 'programmes' | 'password'>> & {
  active?: boolean;
};

/** Staff users, their roles and the programmes their grant covers. Passwords are stored only as scrypt hashes. */
@Injectable()
export class StaffDirectory {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: StaffAccess,
  ) {}

  list(): Promise<StaffUserEntity[]> {
    return this.dataSource.manager.find(StaffUserEntity, { order: { username: 'ASC' } });
  }

  async get(id: string): Promise<StaffUserEntity> {
    const user = await this.dataSource.manager.findOneBy(StaffUserEntity, { id });
    if (!user) throw new NotFoundError(`no staff user ${id}`);
    return user;
  }

  async create(user: NewStaffUser): Promise<StaffUserEntity> {
    const taken = () => new InvalidFieldError('username', `is taken: "${user.username}"`);
    if (await this.dataSource.manager.existsBy(StaffUserEntity, { username: user.username })) throw taken();
    await this.programmesExist(user.programmes);
    const passwordHash = user.password ? await hashPassword(user.password) : null;
    // Taken meanwhile by a request sent at the same time: the same answer as when taken before.
    const [row] = await preparedQuery<{ id: string }>(
      this.dataSource.manager,
      `INSERT INTO staff_users (username, display_name, roles, programmes, password_hash) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (username) DO NOTHING RETURNING id`,
      [user.username, user.displayName, user.roles, user.programmes, passwordHash],
    );
    if (!row) throw taken();
    return this.get(row.id);
  }

  async change(id: string, changes: StaffUserChanges): Promise<StaffUserEntity> {
    await this.get(id);
    await this.programmesExist(changes.programmes);
    const { password, ...fields } = changes;
    const changesAccess = (['roles', 'programmes', 'active', 'password'] as const).some(
      (f) => changes[f] !== undefined,
    );
    const passwordHash = password ? await hashPassword(password) : undefined;
    await this.dataSource.transaction(async (manager) => {
      // Only an administrator of all programmes keeps the programmes, the partners and every staff user: one stays.
      const demotes =
        changes.active === false ||
        (changes.roles && !changes.roles.includes('administrator')) ||
        (changes.programmes !== undefined && changes.programmes !== null);
      if (demotes) {
        // Two administrators demoting each other at once: one of them stays.
        await manager.query(`SELECT pg_advisory_xact_lock(hashtext('staff_users: administrators'))`);
        const user = await manager.findOneByOrFail(StaffUserEntity, { id });
        const forAll = user.active && user.roles.includes('administrator') && user.programmes === null;
        if (forAll && !(await this.hasAdministrator(id, manager))) {
          throw new ConflictError(
            'the last active administrator keeps the role and stays active, for all programmes: make another user an ' +
              'administrator of all programmes first',
          );
        }
      }
      await manager.update(
        StaffUserEntity,
        { id },
        {
          ...fields,
          ...(passwordHash ? { passwordHash } : {}),
          // Tokens issued before the change stop being accepted on the next request.
          ...(changesAccess ? { accessVersion: () => 'access_version + 1' } : {}),
        },
      );
    });
    this.access.forget(id);
    return this.get(id);
  }

  /** A grant names programmes that exist. */
  private async programmesExist(programmes: string[] | null | undefined): Promise<void> {
    if (!programmes?.length) return;
    const rows: { code: string }[] = await this.dataSource.query(
      'SELECT code FROM programmes WHERE code = ANY($1::varchar[])',
      [programmes],
    );
    const unknown = programmes.find((code) => !rows.some((row) => row.code === code));
    if (unknown) throw new InvalidFieldError('programmes', `names no programme: "${unknown}"`);
  }

  /** The user with their password hash, for sign-in only. */
  findForSignIn(username: string): Promise<StaffUserEntity | null> {
    return this.dataSource.manager
      .createQueryBuilder(StaffUserEntity, 'user')
      .addSelect('user.passwordHash')
      .where('user.username = :username', { username })
      .getOne();
  }

  /** True when an active administrator of all programmes exists, `besides` the user with that id when given. */
  async hasAdministrator(besides?: string, manager = this.dataSource.manager): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM staff_users WHERE 'administrator' = ANY(roles) AND active AND programmes IS NULL
         AND id IS DISTINCT FROM $1::uuid LIMIT 1`,
      [besides ?? null],
    );
    return rows.length > 0;
  }
}

export function principalOf(user: StaffUserEntity): StaffPrincipal {
  return { id: user.id, roles: user.roles.filter(isRole), programmes: user.programmes };
}
