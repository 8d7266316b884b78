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

  it('names every choice a form offers (a closure outcome, a document type, a sex...) in each language', () => {
    // The console's own modules need a browser; their choices are the API's enums they name (enumOf), under the
    // texts their field says (`labels`), else under `options`.
    const source = join(__dirname, '..', 'apps', 'console', 'src');
    const schemas = openApi.components.schemas as Record<string, { properties?: Record<string, any> }>;
    const choices = ['steps', 'pages', 'admin'].flatMap((dir) =>
      readdirSync(join(source, dir)).flatMap((file) =>
        [
          ...readFileSync(join(source, dir, file), 'utf8').matchAll(
            /options: enumOf\('(\w+)', '(\w+)'\)(?:, labels: '([\w.]+)')?/g,
          ),
        ].flatMap(([, schema, name, labels]) => {
          const property = schemas[schema].properties![name];
          return ((property.enum ?? property.items.enum) as string[]).map((choice) => ({ choice, labels }));
        }),
      ),
    );
    expect(choices.map((c) => c.choice)).toEqual(expect.arrayContaining(['lost-contact', 'female']));
    for (const [language, texts] of [
      ['English', en],
      ['French', fr],
      ['Arabic', ar],
    ] as const) {
      const unnamed = choices.filter(({ choice, labels = 'options' }) => {
        const section = labels.split('.').reduce<any>((at, key) => at?.[key], texts);
        return typeof section?.[choice] !== 'string';
      });
      expect([language, unnamed]).toEqual([language, []]);
    }
  });
});
