import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { StaffPrincipal } from '../auth/principal';
import { mayRead, RESTRICTED } from '../returns/field-access';
import { csvFile } from './csv';
import type { ReportPeriod } from './report-period';

const COLUMNS = [
  'caseRef',
  'programmeCode',
  'source',
  'hostCountry',
  'destinationCountry',
  'targetGroup',
  'vulnerabilities',
  'people',
  'returneeSex',
  'returneeAgeGroup',
  'openedOn',
  'declaredOn',
  'departedOn',
  'arrivedOn',
  'closedOn',
  'outcome',
  'refusalReason',
  'allowances',
];

/**
 * The cases behind the figures, one row each, from the reporting projection: codes, groups and dates only (no name,
 * birth date or document), and a case's protection needs only to those who may read them in the case itself
 * (field-access.ts): it shows nothing the reader may not see about a case of their programme.
 */
@Injectable()
export class CaseListExport {
  constructor(private readonly dataSource: DataSource) {}

  /** The cases with anything counted in the period, as `user` may read them. */
  async csv(user: StaffPrincipal, programmes: string[] | 'all', period: ReportPeriod): Promise<string> {
    const [first, last] = [`${period.from}-01`, `${period.to}-01`];
    const rows: Record<string, string | number | null>[] = await this.dataSource.query(
      `SELECT c.case_ref AS "caseRef", c.programme_code AS "programmeCode", c.source,
         c.host_country AS "hostCountry", c.destination_country AS "destinationCountry", c.target_group AS "targetGroup",
         array_to_string(c.vulnerabilities, ';') AS vulnerabilities, jsonb_array_length(c.people) AS people,
         c.people->0->>'sex' AS "returneeSex", c.people->0->>'ageGroup' AS "returneeAgeGroup",
         to_char(c.opened_on, 'YYYY-MM-DD') AS "openedOn",
         to_char(max(f.occurred_on) FILTER (WHERE f.fact = 'declared'), 'YYYY-MM-DD') AS "declaredOn",
         to_char(max(f.occurred_on) FILTER (WHERE f.fact = 'departed'), 'YYYY-MM-DD') AS "departedOn",
         to_char(max(f.occurred_on) FILTER (WHERE f.fact = 'arrived'), 'YYYY-MM-DD') AS "arrivedOn",
         to_char(max(f.occurred_on) FILTER (WHERE f.fact = 'closed'), 'YYYY-MM-DD') AS "closedOn",
         max(f.detail) FILTER (WHERE f.fact = 'closed') AS outcome,
         max(f.detail) FILTER (WHERE f.fact = 'refused') AS "refusalReason",
         count(*) FILTER (WHERE f.fact LIKE 'allowance:%')::int AS allowances
       FROM report_cases c JOIN report_facts f ON f.case_ref = c.case_ref
       WHERE ${programmes === 'all' ? 'TRUE' : 'c.programme_code = ANY($3::varchar[])'}
       GROUP BY c.case_ref
       HAVING bool_or(f.occurred_on BETWEEN $1::date AND ($2::date + interval '1 month' - interval '1 day'))
       ORDER BY c.programme_code, c.opened_on, c.case_ref`,
      [first, last, ...(programmes === 'all' ? [] : [programmes])],
    );
    const masked = mayRead(user, 'protectionNeeds') ? [] : ['targetGroup', 'vulnerabilities'];
    return csvFile(
      COLUMNS,
      rows.map((row) => COLUMNS.map((column) => (masked.includes(column) ? RESTRICTED : (row[column] ?? null)))),
    );
  }
}
