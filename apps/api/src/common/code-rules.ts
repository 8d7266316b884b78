import { Transform } from 'class-transformer';
import type { ValidationOptions } from 'class-validator';
import { code as currencyByCode } from 'currency-codes';
import { isValid as isCountryCode } from 'i18n-iso-countries';
import { transliterate } from 'transliteration';
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

/** A currency of the ISO 4217 list (a real currency, not a fund or test code). */
export const isCurrencyCode = (value: unknown): boolean =>
  typeof value === 'string' && /^[A-Z]{3}$/.test(value) && !!currencyByCode(value) && !['XXX', 'XTS'].includes(value);

/** A currency of the ISO 4217 list (isCurrencyCode); stored upper-cased. */
export function IsCurrencyCode(options?: ValidationOptions) {
  return (target: object, propertyName: string) => {
    upperCased()(target, propertyName);
    rule(
      'isCurrencyCode',
      'must be an ISO 4217 currency code such as EUR',
      isCurrencyCode,
      options,
    )(target, propertyName);
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

/** German's own spellings of its umlauts (Müller as MUELLER), beside the plain letters (MULLER). */
const UMLAUTS: Record<string, string> = { Ä: 'AE', Ö: 'OE', Ü: 'UE', ß: 'SS' };

/**
 * The words of a name as a case reference would spell them: upper case in Latin letters (transliterated from any
 * script: Иван as IVAN, გიორგი as GIORGI), without accents or with German's umlaut spellings, two letters or more.
 */
function nameWords(name: string): string[] {
  const umlautsSpelled = name.replace(/[äöüßÄÖÜ]/g, (c) => UMLAUTS[c.toUpperCase()] ?? 'SS');
  const words = [name, umlautsSpelled].flatMap((spelling) =>
    transliterate(spelling)
      .toUpperCase()
      .split(/[^A-Z0-9]+/),
  );
  return [...new Set(words.filter((word) => word.length >= 2))];
}

/**
 * A name's consonants as its spellings share them (MOHAMMED, MOHAMED and MOHAMAD all MHMD): vowels dropped, doubled
 * letters once. Compared only when three consonants or more remain.
 */
const skeleton = (word: string) => word.replace(/[AEIOUY]/g, '').replace(/(.)\1+/g, '$1');

/**
 * A skeleton of the name as it sounds, for the letters transliterations trade (QASIMKHEL and KASIMKEL, ZARGHUNA and
 * ZARGUNA, DJAMILA and JAMILA): PH as F, DJ as J, Q and C as K, W as V, H dropped.
 */
const soundSkeleton = (word: string) =>
  skeleton(word.replace(/PH/g, 'F').replace(/DJ/g, 'J').replace(/H/g, '').replace(/[QC]/g, 'K').replace(/W/g, 'V'));

/**
 * A name written without its vowels (Arabic's يوسف is YWSF, نور NWR, عبد الله AABD LLH) against a Latin spelling of it
 * (YOUSSEF, NOOR, ABDULLAH): the consonants alone, the long vowels' W and Y and the signs for ʿayn and hamza dropped
 * too. Two consonants suffice, for a name in another script only.
 */
const bareConsonants = (word: string) => word.replace(/[^A-Z]|[AEIOUWY]/g, '').replace(/(.)\1+/g, '$1');
const LATIN_NAME = /^[\p{Script=Latin}\p{M}\s'’.-]*$/u;

/** Digits written for the letters they look like (NIN0 for NINO, BER1DZE for BERIDZE): 1 is read as I and as L. */
const LOOKALIKES: Record<string, string> = { '0': 'O', '3': 'E', '4': 'A', '5': 'S', '7': 'T' };
const letterSpellings = (caseRef: string) =>
  ['I', 'L'].map((one) => caseRef.replace(/[013457]/g, (digit) => (digit === '1' ? one : LOOKALIKES[digit])));

/**
 * Whether a case reference spells a name or a birth date of these persons: a name as a word, or as a word spelled
 * otherwise with the same consonants, or anywhere once the dashes are dropped (four letters or more), digits read as
 * the letters they look like too; a birth date in any order of day, month and year, with two or four digits of the
 * year, with or without dashes and leading zeros (`1990-04-12`, `900412`, `12-04-90`, `04-12-1990`, `1990-4-12`,
 * `12-4-90`), the month in digits, by name or in Roman numerals (`12APR1990`, `12-IV-90`).
 */
function spellsPersonalData(caseRef: string, persons: unknown[]): boolean {
  const spellings = [caseRef, ...letterSpellings(caseRef)];
  return persons.some((person) => {
    const { givenName, familyName, dateOfBirth } = (person ?? {}) as Record<string, unknown>;
    const written = [givenName, familyName].filter((name): name is string => typeof name === 'string');
    return (
      spellings.some((spelling) => spellsName(spelling, written)) ||
      (typeof dateOfBirth === 'string' && spellsDate(caseRef, dateOfBirth))
    );
  });
}

function spellsName(caseRef: string, written: string[]): boolean {
  const words = caseRef.split('-');
  const joined = words.join('');
  const skeletons = words.map(skeleton).filter((s) => s.length >= 3);
  const sounds = words.map(soundSkeleton).filter((s) => s.length >= 3);
  const bare = words.filter((word) => /^[A-Z]{3,}$/.test(word)).map(bareConsonants);
  const names = written.flatMap(nameWords);
  const unwritten = written
    .filter((name) => !LATIN_NAME.test(name))
    .map((name) => bareConsonants(transliterate(name).toUpperCase()))
    .filter((consonants) => consonants.length >= 2);
  const spelled = (name: string) =>
    words.includes(name) ||
    (name.length >= 4 && joined.includes(name)) ||
    (skeleton(name).length >= 3 && skeletons.includes(skeleton(name))) ||
    (soundSkeleton(name).length >= 3 && sounds.includes(soundSkeleton(name)));
  return unwritten.some((consonants) => bare.includes(consonants)) || names.some(spelled);
}

function spellsDate(caseRef: string, dateOfBirth: string): boolean {
  const [y, m, d] = dateOfBirth.split('-');
  // Not a date (month 13): its own field's rule refuses it.
  if (!y || !d || !MONTH_NAMES[+m - 1]) return false;
  const yy = y.slice(2);
  const dashed = [y, yy].flatMap((year) => [`${year}-${+m}-${+d}`, `${+d}-${+m}-${year}`, `${+m}-${+d}-${year}`]);
  // Unpadded with a two-digit year, only as whole words: 7-3-88 in GE-7-3-88, not in GE-17-3-889.
  const dashedWords = `-${caseRef}-`;
  if (
    dashed.some((date) =>
      date.startsWith(y) || date.endsWith(y) ? caseRef.includes(date) : dashedWords.includes(`-${date}-`),
    )
  )
    return true;
  const joined = caseRef.split('-').join('');
  const orders = [`${y}${m}${d}`, `${d}${m}${y}`, `${m}${d}${y}`, `${yy}${m}${d}`, `${d}${m}${yy}`, `${m}${d}${yy}`];
  if (orders.some((date) => joined.includes(date))) return true;
  // The month written as passports and forms write it: 12APR1990, APRIL-12-90, 12-IV-1990.
  const days = [d, String(+d)];
  const named = MONTH_NAMES[+m - 1].flatMap((month) =>
    days.flatMap((day) =>
      [y, yy].flatMap((year) => [`${day}${month}${year}`, `${year}${month}${day}`, `${month}${day}${year}`]),
    ),
  );
  // Compared with whole words and runs of words (12-APR-90), so that letters and digits that merely meet do not count.
  const words = caseRef.split('-');
  const runs = words.flatMap((_, i) => [1, 2, 3].map((n) => words.slice(i, i + n).join('')));
  return runs.some((run) => named.includes(run));
}

/** Each month as a case reference may spell it: English and French, in full and short, and in Roman numerals. */
const MONTH_NAMES = [
  ['JAN', 'JANUARY', 'JANV', 'JANVIER', 'I'],
  ['FEB', 'FEBRUARY', 'FEV', 'FEVR', 'FEVRIER', 'II'],
  ['MAR', 'MARCH', 'MARS', 'III'],
  ['APR', 'APRIL', 'AVR', 'AVRIL', 'IV'],
  ['MAY', 'MAI', 'V'],
  ['JUN', 'JUNE', 'JUIN', 'VI'],
  ['JUL', 'JULY', 'JUIL', 'JUILLET', 'VII'],
  ['AUG', 'AUGUST', 'AOUT', 'VIII'],
  ['SEP', 'SEPT', 'SEPTEMBER', 'SEPTEMBRE', 'IX'],
  ['OCT', 'OCTOBER', 'OCTOBRE', 'X'],
  ['NOV', 'NOVEMBER', 'NOVEMBRE', 'XI'],
  ['DEC', 'DECEMBER', 'DECEMBRE', 'XII'],
];

/**
 * A case reference that names none of the persons of the request (`returnee`, `dependants`) nor gives their birth
 * date: it goes into workflow ids, logs, exports and partners' e-mail subjects, where personal data must not.
 */
export function SpellsNoPersonalData() {
  return valueRule(
    'spellsNoPersonalData',
    '$property must not contain a name or birth date of the persons it opens: it goes into workflow ids, logs and e-mails',
    (value, args) => {
      const { returnee, dependants } = args!.object as { returnee?: unknown; dependants?: unknown };
      const persons = [returnee, ...(Array.isArray(dependants) ? dependants : [])];
      return typeof value !== 'string' || !spellsPersonalData(value, persons);
    },
  );
}
