import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import openApi from '../apps/console/src/api/openapi.json';
import ar from '../apps/console/src/locales/ar.json';
import en from '../apps/console/src/locales/en.json';
import fr from '../apps/console/src/locales/fr.json';

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
    // The console's own modules need a browser; their choices are the API's enums they name (enumOf).
    const steps = join(__dirname, '..', 'apps', 'console', 'src', 'steps');
    const schemas = openApi.components.schemas as Record<string, { properties?: Record<string, any> }>;
    const choices = readdirSync(steps).flatMap((file) =>
      [...readFileSync(join(steps, file), 'utf8').matchAll(/enumOf\('(\w+)', '(\w+)'\)/g)].flatMap(
        ([, schema, name]) => {
          const property = schemas[schema].properties![name];
          return (property.enum ?? property.items.enum) as string[];
        },
      ),
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
