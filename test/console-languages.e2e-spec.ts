import ar from '../apps/console/src/locales/ar.json';
import en from '../apps/console/src/locales/en.json';
import fr from '../apps/console/src/locales/fr.json';
import { STEPS } from '../apps/console/src/steps/catalog';

/** Every text of the console, as the keys of its English file: `section.key`. */
function keys(texts: object, prefix = ''): string[] {
  return Object.entries(texts).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe("the console's languages", () => {
  it.each([
    ['French', fr],
    ['Arabic', ar],
  ])('%s has every text the English console shows, so none is left in English', (_, texts) => {
    expect(keys(en).filter((key) => !keys(texts).includes(key))).toEqual([]);
  });

  it('names every choice a step form offers (a closure outcome, a document type...) in each language', () => {
    const choices = STEPS.flatMap((step) =>
      step.fields.flatMap((field) => ('options' in field && field.options ? field.options : [])),
    );
    expect(choices).toContain('lost-contact');
    for (const [language, texts] of [
      ['English', en],
      ['French', fr],
      ['Arabic', ar],
    ] as const) {
      const named = Object.keys(texts.options);
      expect([language, choices.filter((choice) => !named.includes(choice))]).toEqual([language, []]);
    }
  });
});
