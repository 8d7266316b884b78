import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  DEFAULT_REINTEGRATION_POLICY,
  DEFAULT_TRAVEL_POLICY,
  type ProgrammePolicy,
  type ReturnPolicy,
} from '@avrr/contracts';
import { ProgrammeEntity, ProgrammePolicyEntity } from './entities';

/** Programmes and the versions of their policy. */
@Injectable()
export class ProgrammePolicies {
  /** Published versions, as committed: a version never changes once published, so it is read once per process. */
  private readonly published = new Map<string, ReturnPolicy>();

  constructor(private readonly dataSource: DataSource) {}

  /** The newest policy of a programme: the one a case starting now pins. */
  async current(programmeCode: string): Promise<ReturnPolicy | null> {
    const row = await this.dataSource.manager.findOne(ProgrammePolicyEntity, {
      where: { programmeCode },
      order: { version: 'DESC' },
    });
    return row && pinned(row);
  }

  /** A given version: the one a case pinned when it started. */
  async version(programmeCode: string, version: number, manager?: EntityManager): Promise<ReturnPolicy | null> {
    const key = `${programmeCode}/${version}`;
    const known = this.published.get(key);
    if (known) return structuredClone(known);
    const row = await (manager ?? this.dataSource.manager).findOneBy(ProgrammePolicyEntity, { programmeCode, version });
    const policy = row && pinned(row);
    // Read in a caller's transaction, the version may not be committed (or may be rolled back): not kept.
    if (policy && !manager) this.published.set(key, structuredClone(policy));
    return policy;
  }

  /**
   * The version a case pinned when it started; a case always pins one that exists. Inside a transaction, pass its
   * manager: asking the pool for a second connection while holding one can wait forever under load.
   */
  async pinnedBy(
    returnCase: { caseRef: string; programmeCode: string; policyVersion: number },
    manager?: EntityManager,
  ): Promise<ReturnPolicy> {
    const policy = await this.version(returnCase.programmeCode, returnCase.policyVersion, manager);
    if (!policy) throw new Error(`case ${returnCase.caseRef} pins a policy version that does not exist`);
    return policy;
  }

  async exists(code: string): Promise<boolean> {
    return this.dataSource.manager.existsBy(ProgrammeEntity, { code });
  }

  async programme(code: string): Promise<ProgrammeEntity | null> {
    return this.dataSource.manager.findOneBy(ProgrammeEntity, { code });
  }

  /** Every programme with the number of its current version. */
  async list(): Promise<{ code: string; name: string; currentVersion: number }[]> {
    const rows: { code: string; name: string; current_version: number }[] = await this.dataSource.query(
      `SELECT p.code, p.name, MAX(v.version)::int AS current_version
       FROM programmes p JOIN programme_policies v ON v.programme_code = p.code
       GROUP BY p.code, p.name ORDER BY p.code`,
    );
    return rows.map((r) => ({ code: r.code, name: r.name, currentVersion: r.current_version }));
  }

  /** The versions of a programme's policy, oldest first. */
  versions(programmeCode: string): Promise<ProgrammePolicyEntity[]> {
    return this.dataSource.manager.find(ProgrammePolicyEntity, {
      where: { programmeCode },
      order: { version: 'ASC' },
    });
  }

  /** Adds a programme (if new) and a new policy version; returns the version. */
  /**
   * Publishes the policy as the programme's next version. `asFirst`: it creates the programme, and publishes nothing
   * (null) if the programme exists, created meanwhile by another request included.
   */
  async publish(
    programme: { code: string; name: string },
    policy: ProgrammePolicy,
    { asFirst = false } = {},
  ): Promise<number | null> {
    return this.dataSource.transaction(async (manager) => {
      const created = await manager.query(
        'INSERT INTO programmes (code, name) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING code',
        [programme.code, programme.name],
      );
      if (asFirst && created.length === 0) return null;
      // Serialises concurrent revisions of one programme.
      await manager.query('SELECT 1 FROM programmes WHERE code = $1 FOR UPDATE', [programme.code]);
      const [{ next }] = await manager.query(
        'SELECT COALESCE(MAX(version), 0) + 1 AS next FROM programme_policies WHERE programme_code = $1',
        [programme.code],
      );
      await manager.insert(ProgrammePolicyEntity, { programmeCode: programme.code, version: next, policy });
      return Number(next);
    });
  }
}

/** A stored version as a return pins it; versions published before a part of the policy get its defaults. */
export function pinned(row: ProgrammePolicyEntity): ReturnPolicy {
  const stored: ProgrammePolicy = row.policy;
  return {
    ...stored,
    travel: (stored.travel as ProgrammePolicy['travel'] | undefined) ?? DEFAULT_TRAVEL_POLICY,
    reintegration:
      (stored.reintegration as ProgrammePolicy['reintegration'] | undefined) ?? DEFAULT_REINTEGRATION_POLICY,
    programmeCode: row.programmeCode,
    version: row.version,
  };
}
