import { registerDecorator, type ValidationOptions } from 'class-validator';
import { CASE_REF_PATTERN } from '@avrr/contracts';

/**
 * Where a page of the case list ends (the list is newest first, then by case reference), and that page's number.
 * The creation time is PostgreSQL's own text, to the microsecond, so the next page starts exactly after this case.
 */
export interface ListPosition {
  createdAt: string;
  caseRef: string;
  page: number;
}

const CREATED_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const MAX_LENGTH = 200;

/** The opaque `cursor` a page gives as `next`. */
export function encodeCursor(position: ListPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt, position.caseRef, position.page])).toString('base64url');
}

/** The position a cursor names, or null when it is not one this list gave. */
export function decodeCursor(cursor: string): ListPosition | null {
  if (cursor.length > MAX_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) return null;
  const [createdAt, caseRef, page] = parsed as unknown[];
  if (typeof createdAt !== 'string' || !CREATED_AT.test(createdAt) || Number.isNaN(Date.parse(createdAt))) return null;
  if (typeof caseRef !== 'string' || !CASE_REF_PATTERN.test(caseRef)) return null;
  if (!Number.isInteger(page) || (page as number) < 1 || (page as number) > 10_000_000) return null;
  return { createdAt, caseRef, page: page as number };
}

/** A cursor this list gave as `next`, and no `page` beside it (a cursor says where the page starts). */
export function IsListCursor(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isListCursor',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown, args) =>
          typeof value === 'string' &&
          decodeCursor(value) !== null &&
          (args?.object as { page?: unknown }).page === undefined,
        defaultMessage: (args) =>
          typeof args?.value === 'string' && decodeCursor(args.value) !== null
            ? `${args.property} cannot be combined with page: a cursor says where its page starts`
            : `${args?.property} must be the \`next\` cursor of an earlier page of this list`,
      },
    });
}
