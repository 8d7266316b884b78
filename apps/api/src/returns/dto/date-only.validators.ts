import { todayUtc } from '@avrr/persistence';
import { isISO8601, registerDecorator, type ValidationOptions } from 'class-validator';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE_ONLY.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** Today moved by whole years (negative: back), as YYYY-MM-DD. */
function yearsFromToday(years: number): string {
  const today = todayUtc();
  return `${String(Number(today.slice(0, 4)) + years).padStart(4, '0')}${today.slice(4)}`;
}

/** A YYYY-MM-DD birth date: not in the future, and at most 130 years ago. */
export function IsBirthDate(options?: ValidationOptions) {
  return dateRule(
    'isBirthDate',
    (v) => v <= todayUtc() && v >= yearsFromToday(-130),
    'must be a date (YYYY-MM-DD) not in the future and at most 130 years ago',
    options,
  );
}

/** A YYYY-MM-DD date of something staff record (a session, a signature, a visit): today or in the last 5 years. */
export function IsPastDate(options?: ValidationOptions) {
  return dateRule(
    'isPastDate',
    (v) => v <= todayUtc() && v >= yearsFromToday(-5),
    'must be a date (YYYY-MM-DD) not in the future and at most 5 years ago',
    options,
  );
}

/** A YYYY-MM-DD calendar date after today and at most 30 years ahead (a document's expiry). */
export function IsFutureDate(options?: ValidationOptions) {
  return dateRule(
    'isFutureDate',
    (v) => v > todayUtc() && v <= yearsFromToday(30),
    'must be a date (YYYY-MM-DD) in the future, at most 30 years ahead',
    options,
  );
}

/** A YYYY-MM-DD calendar date, today or later, at most 2 years ahead (a night booked, a date planned). */
export function IsTodayOrLater(options?: ValidationOptions) {
  return dateRule(
    'isTodayOrLater',
    (v) => v >= todayUtc() && v <= yearsFromToday(2),
    'must be a date (YYYY-MM-DD), today or later and at most 2 years ahead',
    options,
  );
}

function dateRule(name: string, holds: (date: string) => boolean, rule: string, options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName,
      options: { message: `$property ${rule}`, ...options },
      validator: { validate: (value: unknown) => isCalendarDate(value) && holds(value) },
    });
}

/** An ISO 8601 date-time with its offset, within a year back and two years ahead (a flight's scheduled time). */
export function IsFlightTime(options?: ValidationOptions) {
  const PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
  const YEAR_MS = 366 * 24 * 3600 * 1000;
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isFlightTime',
      target: target.constructor,
      propertyName,
      options: {
        message: '$property must be an ISO 8601 date-time with Z or an offset, within a year back and two years ahead',
        ...options,
      },
      validator: {
        validate: (value: unknown) => {
          // Strict: 30 February is not read as 2 March.
          if (typeof value !== 'string' || !PATTERN.test(value) || !isISO8601(value, { strict: true })) return false;
          const at = Date.parse(value);
          return !Number.isNaN(at) && at > Date.now() - YEAR_MS && at < Date.now() + 2 * YEAR_MS;
        },
      },
    });
}
