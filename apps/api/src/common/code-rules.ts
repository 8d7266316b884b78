import { Transform } from 'class-transformer';
import type { ValidationOptions } from 'class-validator';
import { code as currencyByCode } from 'currency-codes';
import { isValid as isCountryCode } from 'i18n-iso-countries';
import { CASE_REF_PATTERN } from '@avrr/contracts';
import { valueRule } from './value-rule';

/** Upper-cases a string (or each string of an array) so `sy` and `SY` are one code everywhere, policy checks included. */
const upperCased = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? value.toUpperCase()
      : Array.isArray(value)
        ? value.map((v: unknown) => (typeof v === 'string' ? v.toUpperCase() : v))
        : value,
  );

const rule = (name: string, message: string, validate: (value: unknown) => boolean, options?: ValidationOptions) =>
  valueRule(name, `$property ${message}`, validate, options);

/** A country of the ISO 3166-1 list, as its alpha-2 code; lower case is accepted and stored upper-cased. */
export function IsCountryCode(options?: ValidationOptions) {
  const is = (value: unknown) => typeof value === 'string' && /^[A-Z]{2}$/.test(value) && isCountryCode(value);
  return (target: object, propertyName: string) => {
    upperCased()(target, propertyName);
    rule('isCountryCode', 'must be an ISO 3166-1 alpha-2 country code such as PK', is, options)(target, propertyName);
  };
}

/** A currency of the ISO 4217 list (a real currency, not a fund or test code); stored upper-cased. */
export function IsCurrencyCode(options?: ValidationOptions) {
  const is = (value: unknown) =>
    typeof value === 'string' && /^[A-Z]{3}$/.test(value) && !!currencyByCode(value) && !['XXX', 'XTS'].includes(value);
  return (target: object, propertyName: string) => {
    upperCased()(target, propertyName);
    rule('isCurrencyCode', 'must be an ISO 4217 currency code such as EUR', is, options)(target, propertyName);
  };
}

/**
 * A value that must differ from another field of the same request, named by its path (`destination.country`): `why`
 * completes the message.
 */
export function DiffersFrom(path: string, why: string) {
  const other = (object: object) =>
    path.split('.').reduce<unknown>((o, key) => (o as Record<string, unknown>)?.[key], object);
  return valueRule(
    'differsFrom',
    `$property must differ from ${path}: ${why}`,
    (value, args) => value !== other(args!.object),
  );
}

/** IATA's airport code format: three upper-case letters (whether the airport exists is the partner directory's job). */
export const IATA_AIRPORT = /^[A-Z]{3}$/;

/** A case reference: 3 to 40 upper-case letters, digits or dashes (CASE_REF_PATTERN). */
export const IsCaseRef = (options?: ValidationOptions) =>
  rule(
    'isCaseRef',
    'must be 3 to 40 upper-case letters, digits or dashes',
    (value) => typeof value === 'string' && CASE_REF_PATTERN.test(value),
    options,
  );
