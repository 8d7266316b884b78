import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ageGroup, SEX_NOT_RECORDED } from '@avrr/contracts';
import {
  addToTallies,
  incrementsFor,
  ProgrammePolicies,
  ReportCaseEntity,
  TallySums,
  TimelineEventEntity,
  type Fact,
  type ReportPerson,
} from '@avrr/persistence';
import { assertCovers } from '../../auth/programme-scope';
import type { StaffPrincipal } from '../../auth/principal';
import { InvalidFieldError } from '../../errors/domain-errors';
import { readHistory, type HistoryCase, type RefusedField } from './history-rows';

export interface ImportReport {
  programme: string;
  /** Cases written by this import. */
  imported: number;
  /** Cases this file already imported, with the same rows: left as they are. */
  unchanged: number;
  /** Each rule a refused row breaks; a case with a refused row is not imported. */
  refused: RefusedField[];
}

const CHUNK = 1000;
const UNIQUE_VIOLATION = '23505';

/**
 * Loads a programme's past cases: each becomes a closed case with its outcome and dates, and its figures are counted
 * in the same transaction. No workflow is started. The same rows imported again change nothing.
 */
@Injectable()
export class HistoryImport {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policies: ProgrammePolicies,
  ) {}

  async import(programme: string, csv: string, user: StaffPrincipal): Promise<ImportReport> {
    assertCovers(user, programme);
    const policy = await this.policies.current(programme);
    if (!policy) throw new InvalidFieldError('programme', `names no programme: "${programme}"`);
    const { cases, refused } = readHistory(csv);
    try {
      return await this.write(programme, policy.version, cases, [...refused], user.id);
    } catch (error) {
      // The same file imported twice at once: the second finds the first's cases, unchanged.
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
        return this.write(programme, policy.version, cases, refused, user.id);
      }
      throw error;
    }
  }

  private write(
    programme: string,
    version: number,
    cases: HistoryCase[],
    refused: RefusedField[],
    actor: string,
  ): Promise<ImportReport> {
    return this.dataSource.transaction(async (manager) => {
      const existing = await this.existing(
        manager,
        cases.map((c) => c.caseRef),
      );
      const fresh: HistoryCase[] = [];
      let unchanged = 0;
      for (const historyCase of cases) {
        const found = existing.get(historyCase.caseRef);
        if (!found) fresh.push(historyCase);
        else if (found.digest === historyCase.digest && found.programme === programme) unchanged++;
        else {
          const rule = found.digest ? 'was imported before from different rows' : 'is a case already in the product';
          refused.push({ line: historyCase.firstLine, field: 'caseRef', rule });
        }
      }
      // The tallies are summed over the whole file and written once: each row is updated once, not per chunk.
      const sums = new TallySums();
      for (let i = 0; i < fresh.length; i += CHUNK) {
        await this.writeCases(manager, programme, version, fresh.slice(i, i + CHUNK), actor, sums);
      }
      await addToTallies(manager, sums.rows());
      refused.sort((a, b) => a.line - b.line);
      return { programme, imported: fresh.length, unchanged, refused };
    });
  }

  private async existing(manager: EntityManager, caseRefs: string[]) {
    const rows: { caseRef: string; programme: string; digest: string | null }[] = await manager.query(
      `SELECT r.case_ref AS "caseRef", r.programme_code AS programme, c.import_digest AS digest
       FROM return_cases r LEFT JOIN report_cases c ON c.case_ref = r.case_ref WHERE r.case_ref = ANY($1::varchar[])`,
      [caseRefs],
    );
    return new Map(rows.map((row) => [row.caseRef, row]));
  }

  private async writeCases(
    manager: EntityManager,
    programme: string,
    version: number,
    cases: HistoryCase[],
    actor: string,
    sums: TallySums,
  ) {
    const column = <T>(pick: (c: HistoryCase) => T) => cases.map(pick);
    await manager.query(
      `INSERT INTO return_cases (case_ref, programme_code, policy_version, host_country, destination_country,
         destination_city, has_valid_travel_document, target_group, vulnerabilities, outcome, outcome_reason, closed_at,
         declaration_signed_on, stage, workflow_id, created_at, updated_at)
       SELECT t.ref, $1, $2, t.host, t.destination, t.city, true, t.target_group, string_to_array(t.vulnerabilities, ';'),
         t.outcome, t.reason, t.closed::timestamptz, t.declared, 'closed', NULL, t.opened::timestamptz, now()
       FROM unnest($3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[], $7::varchar[], $8::text[], $9::varchar[],
         $10::text[], $11::date[], $12::date[], $13::date[])
         AS t(ref, host, destination, city, target_group, vulnerabilities, outcome, reason, closed, declared, opened)`,
      [
        programme,
        version,
        column((c) => c.caseRef),
        column((c) => c.hostCountry),
        column((c) => c.destinationCountry),
        column((c) => c.destinationCity),
        column((c) => c.targetGroup),
        column((c) => c.vulnerabilities.join(';')),
        column((c) => c.outcome),
        column((c) => c.refusalReason ?? 'imported from the programme history'),
        column((c) => c.closedOn),
        column((c) => c.declaredOn),
        column((c) => c.openedOn),
      ],
    );
    const reportCases = cases.map((c) => reportCaseOf(programme, c));
    await manager.createQueryBuilder().insert().into(ReportCaseEntity).values(reportCases).execute();
    await manager
      .createQueryBuilder()
      .insert()
      .into(TimelineEventEntity)
      .values(
        cases.map((c) => ({
          caseRef: c.caseRef,
          kind: 'case-imported',
          summary: `Imported from the programme history, closed (${c.outcome}) on ${c.closedOn}`,
          actor,
          idempotencyKey: null,
        })),
      )
      .execute();
    const facts = cases.map(factsOf);
    const ledger = cases.flatMap((c, i) => facts[i].map((f) => [c.caseRef, f.key, f.on, f.detail ?? null] as const));
    await manager.query(
      `INSERT INTO report_facts (case_ref, fact, occurred_on, detail)
       SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::date[], $4::varchar[])`,
      [0, 1, 2, 3].map((i) => ledger.map((row) => row[i])),
    );
    reportCases.forEach((reportCase, i) => sums.add(incrementsFor(reportCase, facts[i])));
  }
}

function reportCaseOf(programme: string, c: HistoryCase): ReportCaseEntity {
  return {
    caseRef: c.caseRef,
    programmeCode: programme,
    hostCountry: c.hostCountry,
    destinationCountry: c.destinationCountry,
    targetGroup: c.targetGroup,
    vulnerabilities: c.vulnerabilities,
    people: c.people.map(reportPerson),
    openedOn: c.openedOn,
    source: 'import',
    importDigest: c.digest,
  };
}

function reportPerson(person: HistoryCase['people'][number]): ReportPerson {
  return { sex: person.sex ?? SEX_NOT_RECORDED, ageGroup: ageGroup(person.ageAtIntake) };
}

/** The same facts a live case records, dated as the history says. */
function factsOf(c: HistoryCase): Fact[] {
  const facts: Fact[] = [{ key: 'counselled', metric: 'counselled', on: c.openedOn }];
  if (c.outcome === 'ineligible') {
    facts.push({ key: 'refused', metric: 'refused', on: c.openedOn, detail: c.refusalReason ?? 'not recorded' });
  } else facts.push({ key: 'eligible', metric: 'eligible', on: c.openedOn });
  if (c.declaredOn) facts.push({ key: 'declared', metric: 'declared', on: c.declaredOn });
  if (c.departedOn) facts.push({ key: 'departed', metric: 'departed', on: c.departedOn });
  if (c.arrivedOn) facts.push({ key: 'arrived', metric: 'arrived', on: c.arrivedOn });
  c.people.forEach((person, i) => {
    if (!person.allowance || !c.departedOn) return;
    const { amount, currency } = person.allowance;
    const people = [reportPerson(person)];
    facts.push({ key: `allowance:${i}`, metric: 'allowances', on: c.departedOn, people, detail: currency, amount });
  });
  facts.push({ key: 'closed', metric: 'closed', on: c.closedOn, detail: c.outcome });
  if (c.outcome === 'withdrawn') {
    facts.push({
      key: 'withdrawn',
      metric: c.bookedOn ? 'withdrawn-after-booking' : 'withdrawn-before-booking',
      on: c.closedOn,
    });
  }
  return facts;
}
