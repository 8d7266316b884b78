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
});
