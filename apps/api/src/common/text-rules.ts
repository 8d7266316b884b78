import { Transform } from 'class-transformer';
import { isEmail, type ValidationOptions } from 'class-validator';
import { valueRule } from './value-rule';

/**
 * Characters no name or note needs and that hide or rearrange text: C1 controls, every format character (bidirectional
 * marks, overrides and isolates, zero-width space, word joiner, byte-order mark, the soft hyphen, tag characters that
 * carry hidden text, interlinear annotations), variation selectors, the combining grapheme joiner, line and paragraph
 * separators, the blank fillers that look like nothing (Hangul, Khmer, Mongolian, a blank Braille pattern), private-use
 * and unassigned code points, and halves of characters (lone surrogates). The zero-width (non-)joiners stay allowed:
 * Persian and Indic names use them.
 */
const INVISIBLE =
  '\\u007f-\\u009f\\u034f\\u115f\\u1160\\u17b4\\u17b5\\u2028\\u2029\\u2800\\u3164\\uffa0\\ufe00-\\ufe0f\\u{e0100}-\\u{e01ef}' +
  '\\p{Cs}\\p{Co}\\p{Cn}';
const FORMAT = '(?![\\u200c\\u200d])\\p{Cf}';
const HIDDEN = new RegExp(`[\\u0000-\\u001f${INVISIBLE}]|${FORMAT}`, 'u');
// Multi-line notes may break lines and indent with tabs, nothing else.
const HIDDEN_IN_NOTES = new RegExp(`[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f${INVISIBLE}]|${FORMAT}`, 'u');
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

const holdsText = (value: unknown, hidden: RegExp, maxLength: number) =>
  typeof value === 'string' &&
  value.length <= maxLength &&
  VISIBLE.test(value) &&
  !hidden.test(value) &&
  value.trim() === value;

/** The rule IsSingleLine keeps, for text read outside a request body (an imported file's cell). */
export const singleLineRule = (maxLength: number) => ({
  holds: (value: unknown) => holdsText(value, HIDDEN, maxLength),
  rule: `must be one line of text of at most ${maxLength} characters, with a visible character and no control or invisible characters`,
});

function textRule(name: string, hidden: RegExp, maxLength: number, what: string, options?: ValidationOptions) {
  return valueRule(
    name,
    `$property must be ${what} of at most ${maxLength} characters, with a visible character and no control or invisible characters`,
    (value) => holdsText(value, hidden, maxLength),
    options,
  );
}

/**
 * One line of text a person reads (a name, a city, a vendor): it goes into e-mails as a line of its own, so no
 * line breaks, controls or invisible characters, no leading or trailing spaces, and at least one visible character.
 */
export function IsSingleLine(maxLength: number, options?: ValidationOptions) {
  return textRule('isSingleLine', HIDDEN, maxLength, 'one line of text', options);
}

/** A note kept for staff: line breaks and tabs allowed, other controls and invisible characters not. */
export function IsNote(maxLength: number, options?: ValidationOptions) {
  return textRule('isNote', HIDDEN_IN_NOTES, maxLength, 'text', options);
}

/** A password: any visible text (spaces too), but no control or invisible characters, from `minLength` to 200. */
export function IsSecret(minLength: number, options?: ValidationOptions) {
  return valueRule(
    'isSecret',
    `$property must be ${minLength} to 200 characters with a visible one and no control or invisible characters`,
    (value) =>
      typeof value === 'string' &&
      value.length >= minLength &&
      value.length <= 200 &&
      VISIBLE.test(value) &&
      !HIDDEN.test(value),
    options,
  );
}

/** An e-mail address partners are written to: at most 254 characters, nothing hidden in it. */
export function IsEmailAddress(options?: ValidationOptions) {
  return valueRule(
    'isEmailAddress',
    '$property must be an e-mail address',
    (value) => typeof value === 'string' && value.length <= 254 && !HIDDEN.test(value) && isEmail(value),
    options,
  );
}

/** Every dash a keyboard or a word processor may give (‐ ‑ ‒ – — −): `INV‐77` is the `INV-77` it reads as. */
const DASHES = /[\p{Pd}\u2212]/gu;

/**
 * A reference staff type from a paper (an invoice, a handover certificate, a vendor's name), kept as it reads: in its
 * compatibility form (NFKC: a full-width `ＩＮＶ-７７` is `INV-77`) with its dashes as `-`, so one invoice is not paid
 * twice for how it was typed. With LooksAsItReads, which refuses the look-alike letters no form folds.
 */
export const AsReadNotAsTyped = () =>
  Transform(({ value }) => (typeof value === 'string' ? value.normalize('NFKC').replace(DASHES, '-') : value));

/** Scripts whose letters look alike (Latin A, Cyrillic А, Greek Α): one word is written in one of them. */
const LOOK_ALIKE_SCRIPTS = [/\p{Script=Latin}/u, /\p{Script=Cyrillic}/u, /\p{Script=Greek}/u];

/**
 * No word mixes Latin, Cyrillic and Greek letters: `INV-77` with a Cyrillic `І`, or `Тbilisi` with a Cyrillic `Т`,
 * reads as the invoice or vendor already paid, and would be paid again.
 */
export function LooksAsItReads(options?: ValidationOptions) {
  return valueRule(
    'looksAsItReads',
    '$property must not mix Latin, Cyrillic and Greek letters in one word (they look alike)',
    (value) =>
      typeof value !== 'string' ||
      value
        .split(/[^\p{L}\p{M}]+/u)
        .every((word) => LOOK_ALIKE_SCRIPTS.filter((script) => script.test(word)).length <= 1),
    options,
  );
}
