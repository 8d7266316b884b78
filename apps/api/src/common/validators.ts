import { isISO8601, type ValidationOptions } from 'class-validator';
import { durationToMs, isIsoDuration } from '@avrr/contracts';
import { valueRule } from './value-rule';

const TEN_YEARS_MS = 3653 * 24 * 3600 * 1000;

/** An ISO-8601 duration of weeks, days, hours, minutes or seconds, longer than zero and at most ten years. */
export const IsIsoDuration = (options?: ValidationOptions) =>
  valueRule(
    'isIsoDuration',
    '$property must be an ISO-8601 duration in weeks, days, hours, minutes or seconds, longer than zero and at most ten years (P14D, PT12H)',
    (value) => {
      if (!isIsoDuration(value) || value.length > 40) return false;
      try {
        return durationToMs(value) <= TEN_YEARS_MS; // durationToMs refuses zero
      } catch {
        return false;
      }
    },
    options,
  );

/**
 * A date-time as ISO 8601 (a date alone is its midnight UTC) with a year PostgreSQL can store and the strict ISO check
 * reads: 0100 to 9999.
 */
export const IsInstant = (options?: ValidationOptions) =>
  valueRule(
    'isInstant',
    '$property must be an ISO 8601 date-time in the years 0100 to 9999',
    (value) => {
      if (typeof value !== 'string' || !isISO8601(value, { strict: true })) return false;
      const year = new Date(value).getUTCFullYear();
      return year >= 100 && year <= 9999;
    },
    options,
  );

const YEAR_MS = 366 * 24 * 3600 * 1000;

/**
 * A due date a supervisor sets: an ISO 8601 date-time from now to a year ahead. Further out, the partner would be
 * neither reminded nor escalated for the life of the case.
 */
export const IsDueWithinAYear = (options?: ValidationOptions) =>
  valueRule(
    'isDueWithinAYear',
    '$property must be an ISO 8601 date-time from now to a year ahead',
    (value) => {
      if (typeof value !== 'string' || !isISO8601(value, { strict: true })) return false;
      const at = Date.parse(value);
      return at > Date.now() && at <= Date.now() + YEAR_MS;
    },
    options,
  );
