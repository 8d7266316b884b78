import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import ar from './locales/ar.json';
import en from './locales/en.json';
import fr from './locales/fr.json';

export const LANGUAGES = { en: 'English', fr: 'Français', ar: 'العربية' } as const;
export type Language = keyof typeof LANGUAGES;

// The page's language and direction follow the chosen language: Arabic lays the page out right to left.
i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
  document.documentElement.dir = i18n.dir(language);
});

/** The first of the browser's languages the console speaks (`fr-CA` is French), else English. */
const browserLanguage = (): Language =>
  (navigator.languages ?? [navigator.language])
    .map((tag) => tag.split('-')[0].toLowerCase())
    .find((language): language is Language => language in LANGUAGES) ?? 'en';

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, fr: { translation: fr }, ar: { translation: ar } },
  lng: browserLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
});

export default i18n;
