import { useTranslation } from 'react-i18next';
import { chooseLanguage, LANGUAGES, type Language } from './i18n';

export function LanguagePicker() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language">
      {t('nav.language')}{' '}
      <select value={i18n.language} onChange={(e) => chooseLanguage(e.target.value as Language)}>
        {Object.entries(LANGUAGES).map(([code, name]) => (
          <option key={code} value={code} lang={code}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}
