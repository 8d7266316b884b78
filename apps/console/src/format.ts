import { getAlpha2Codes } from 'i18n-iso-countries';
import { useTranslation } from 'react-i18next';

/** ISO 3166-1 alpha-2 codes, named in the page's language by Intl.DisplayNames. */
export const countryCodes = () => Object.keys(getAlpha2Codes());

/** The browser's time zone as the reader knows it at that moment ("GMT+2", "UTC"): times are shown on its clock. */
const zoneName = (locale: string, iso: string) =>
  new Intl.DateTimeFormat(locale, { timeZoneName: 'short' })
    .formatToParts(new Date(iso))
    .find((part) => part.type === 'timeZoneName')?.value ?? '';

/** Dates, numbers, money, durations and country names in the page's language (Intl, no hand-made formats). */
export function useFormat() {
  const { i18n, t } = useTranslation();
  const locale = i18n.language;
  const unit = (value: number, unit: 'day' | 'hour' | 'minute' | 'second') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
  return {
    dateTime: (iso: string | null | undefined) =>
      iso
        ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)) +
          ` ${zoneName(locale, iso)}`
        : '',
    /** A calendar day (YYYY-MM-DD), the same day wherever the reader is. */
    day: (ymd: string | null | undefined) =>
      ymd
        ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${ymd}T00:00:00Z`))
        : '',
    money: (amount: string | number, currency: string) =>
      new Intl.NumberFormat(locale, { style: 'currency', currency }).format(Number(amount)),
    number: (value: number) => new Intl.NumberFormat(locale).format(value),
    /** Items one after the other, with the language's own separator ("a, b", "a، b"). */
    list: (items: string[]) => new Intl.ListFormat(locale, { type: 'unit', style: 'short' }).format(items),
    /** A month of the year (YYYY-MM), as "March 2019". */
    month: (ym: string) =>
      new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
        new Date(`${ym}-01T00:00:00Z`),
      ),
    /** A month's name alone (1 to 12). */
    monthName: (month: number) =>
      new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, month - 1))),
    days: (value: number) => unit(value, 'day'),
    /** How late, in the largest whole unit. */
    lateness: (seconds: number) =>
      seconds >= 86_400
        ? unit(Math.floor(seconds / 86_400), 'day')
        : seconds >= 3600
          ? unit(Math.floor(seconds / 3600), 'hour')
          : seconds >= 60
            ? unit(Math.floor(seconds / 60), 'minute')
            : unit(seconds, 'second'),
    /** Where a case stands: its stage, and how it ended once closed ("Closed: withdrawn"). */
    stage: (stage: string | null | undefined, outcome: string | null | undefined) =>
      stage === 'closed' && outcome
        ? t('list.closedAs', { outcome: t(`outcomes.${outcome}`) })
        : stage
          ? t(`stages.${stage}`)
          : t(`outcomes.${outcome}`),
    country: (code: string) => {
      try {
        return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
      } catch {
        return code; // a code Intl cannot read ("P ") is shown as it is, rather than blanking the page
      }
    },
  };
}
