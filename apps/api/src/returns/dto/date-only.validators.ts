import { registerDecorator, type ValidationOptions } from 'class-validator';
import { todayUtc } from '../adults';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE_ONLY.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** A YYYY-MM-DD calendar date that is today or earlier (a birth date). */
export function IsPastDate(options?: ValidationOptions) {
  return dateRule('isPastDate', (v) => v <= todayUtc(), 'must be a date (YYYY-MM-DD) not in the future', options);
}

/** A YYYY-MM-DD calendar date after today (a document's expiry). */
export function IsFutureDate(options?: ValidationOptions) {
  return dateRule('isFutureDate', (v) => v > todayUtc(), 'must be a date (YYYY-MM-DD) in the future', options);
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

/** A YYYY-MM-DD calendar date, today or later (a night booked, a date planned). */
export function IsTodayOrLater(options?: ValidationOptions) {
  return dateRule('isTodayOrLater', (v) => v >= todayUtc(), 'must be a date (YYYY-MM-DD), today or later', options);
}
