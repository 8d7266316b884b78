import type { EntityManager } from 'typeorm';
import { CasePersonEntity } from '@avrr/persistence';
import { InvalidFieldError, StepNotAllowedError } from '../errors/domain-errors';

/** A tranche paid and open: the only one a handover certificate or invoice closes. */
export function refuseUnlessPaid<T extends { status: string }>(row: T | undefined, tranche: number): asserts row is T {
  if (row?.status !== 'paid') {
    throw new StepNotAllowedError(`tranche ${tranche} is not paid out and open (${row?.status ?? 'no such tranche'})`);
  }
}

/** A vendor payment to a person of the case is cash in effect, which reintegration assistance never is. */
export async function refuseCashInEffect(manager: EntityManager, caseRef: string, vendorName: string): Promise<void> {
  const name = (text: string) => text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  const persons = await manager.findBy(CasePersonEntity, { caseRef });
  if (persons.some((p) => name(`${p.givenName} ${p.familyName}`) === name(vendorName))) {
    throw new InvalidFieldError('vendorName', 'must be a vendor, not a person of the case (never cash)');
  }
}

/** The same text however it is spaced or cased, as `same` compares it. */
const sameText = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

/** The same text however it is spaced or cased, in SQL: vendor names and document references are typed by staff. */
const same = (column: string, parameter: string) =>
  `lower(regexp_replace(btrim(${column}), '\\s+', ' ', 'g')) = lower(regexp_replace(btrim(${parameter}), '\\s+', ' ', 'g'))`;

/**
 * The tranche of the programme's cases that `condition` finds (its parameters from `$2`), as a refusal names it: this
 * case's by number, another case's never by its reference. Null when none. Runs in the caller's transaction, whose
 * write it guards: the lock it takes is held until that transaction ends.
 */
async function programmeTranche(
  manager: EntityManager,
  caseRef: string,
  condition: string,
  parameters: string[],
): Promise<string | null> {
  // Two cases' requests at once would each miss the other's row: the second is decided once the first is written.
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
    [condition, ...parameters.map(sameText)].join('\n'),
  ]);
  const [found] = await manager.query(
    `SELECT d.case_ref AS "caseRef", d.tranche FROM disbursements d
     JOIN return_cases c ON c.case_ref = d.case_ref
     WHERE c.programme_code = (SELECT programme_code FROM return_cases WHERE case_ref = $1) AND ${condition}
     LIMIT 1`,
    [caseRef, ...parameters],
  );
  if (!found) return null;
  return found.caseRef === caseRef ? `tranche ${found.tranche} of this case` : 'a tranche of another case';
}

/**
 * An invoice is paid once: the vendor's invoice already on a tranche of the programme (not cancelled) is refused, and
 * so is one that already closed a tranche of that vendor (it was the evidence of another payment).
 */
export async function refuseInvoicePaidBefore(
  manager: EntityManager,
  caseRef: string,
  vendorName: string,
  invoiceRef: string,
): Promise<void> {
  const condition = `d.method = 'vendor-payment' AND d.status <> 'cancelled'
    AND ${same('d.vendor_name', '$2')} AND ${same('d.invoice_ref', '$3')}`;
  const where = await programmeTranche(manager, caseRef, condition, [vendorName, invoiceRef]);
  if (where) throw new InvalidFieldError('invoiceRef', `is already on ${where}: an invoice is paid once`);
  const closedBy = `d.method = 'vendor-payment' AND ${same('d.vendor_name', '$2')} AND ${same('d.handover_ref', '$3')}`;
  const closed = await programmeTranche(manager, caseRef, closedBy, [vendorName, invoiceRef]);
  if (closed) throw new InvalidFieldError('invoiceRef', `already closed ${closed}: an invoice is paid once`);
}

/**
 * A tranche closes with its own paperwork. A vendor payment's own invoice always may (it is paid once, by vendor: two
 * vendors' invoices may carry one number); any other document is refused when it is another tranche's invoice or
 * already closed a tranche of the programme.
 */
export async function refuseDocumentOfAnother(
  manager: EntityManager,
  caseRef: string,
  tranche: { tranche: number; method: string; invoiceRef: string | null },
  documentRef: string,
): Promise<void> {
  if (
    tranche.method === 'vendor-payment' &&
    tranche.invoiceRef &&
    sameText(tranche.invoiceRef) === sameText(documentRef)
  )
    return;
  const invoiceOf = await programmeTranche(
    manager,
    caseRef,
    `d.method = 'vendor-payment' AND d.status <> 'cancelled' AND ${same('d.invoice_ref', '$2')}
     AND NOT (d.case_ref = $1 AND d.tranche = $3)`,
    [documentRef, String(tranche.tranche)],
  );
  if (invoiceOf) {
    throw new InvalidFieldError(
      'documentRef',
      `is the invoice of ${invoiceOf}: a tranche closes with its own invoice or certificate`,
    );
  }
  const closed = await programmeTranche(manager, caseRef, same('d.handover_ref', '$2'), [documentRef]);
  if (closed) throw new InvalidFieldError('documentRef', `already closed ${closed}: a document closes one tranche`);
}

/**
 * No money moves once a supervisor decided to close: a closure kept while a payment under way is settled (409 with
 * Retry-After, pending) refuses new tranches and approvals, as its acceptance will.
 */
export async function refuseWhileClosing(manager: EntityManager, caseRef: string): Promise<void> {
  const [closing] = await manager.query(
    `SELECT payload->>'outcome' AS outcome FROM case_steps WHERE case_ref = $1 AND step = 'closure' AND status = 'pending'`,
    [caseRef],
  );
  if (closing)
    throw new StepNotAllowedError(`the case is closing (${closing.outcome}): no money moves after its closure`);
}
