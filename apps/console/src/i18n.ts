import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
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

const CHOSEN = 'avrr.language';

// The language last chosen on this browser, else the first of the browser's languages the console speaks (`fr-CA` is
// French), else English.
void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: { en: { translation: en }, fr: { translation: fr }, ar: { translation: ar } },
    supportedLngs: Object.keys(LANGUAGES),
    fallbackLng: 'en',
    detection: { order: ['localStorage', 'navigator'], caches: [], lookupLocalStorage: CHOSEN },
    interpolation: { escapeValue: false },
  });

/** Shows the console in this language, now and when this browser opens it again (the session is never kept). */
export function chooseLanguage(language: Language): void {
  localStorage.setItem(CHOSEN, language);
  void i18n.changeLanguage(language);
}

export default i18n;
