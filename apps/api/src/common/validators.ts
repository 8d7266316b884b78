import { isISO8601, registerDecorator, type ValidationOptions } from 'class-validator';
import { durationToMs, isIsoDuration } from '@avrr/contracts';

const TEN_YEARS_MS = 3653 * 24 * 3600 * 1000;

/** An ISO-8601 duration of weeks, days, hours, minutes or seconds, longer than zero and at most ten years. */
export function IsIsoDuration(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isIsoDuration',
      target: target.constructor,
      propertyName,
      options: {
        message:
          '$property must be an ISO-8601 duration in weeks, days, hours, minutes or seconds, longer than zero and at most ten years (P14D, PT12H)',
        ...options,
      },
      validator: {
        validate: (value: unknown) =>
          isIsoDuration(value) && value.length <= 40 && durationToMs(value) > 0 && durationToMs(value) <= TEN_YEARS_MS,
      },
    });
}

/** A date-time as ISO 8601 (a date alone is its midnight UTC) with a year PostgreSQL can store: 0001 to 9999. */
export function IsInstant(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isInstant',
      target: target.constructor,
      propertyName,
      options: { message: '$property must be an ISO 8601 date-time in the years 0001 to 9999', ...options },
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || !isISO8601(value, { strict: true })) return false;
          const year = new Date(value).getUTCFullYear();
          return year >= 1 && year <= 9999;
        },
      },
    });
}
