import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { CASE_READERS, REPORT_READERS } from './api/client';
import { useFormat } from './format';
import { LanguagePicker } from './LanguagePicker';
import { useSignedIn } from './session';

/** How often the count of late returns is read again. */
const LATE_COUNT_EVERY_MS = 10_000;

export function Layout() {
  const { t } = useTranslation();
  const format = useFormat();
  const { api, has, signOut } = useSignedIn();
  const [late, setLate] = useState<number | null>(null);
  const readsCases = has(...CASE_READERS);
  const location = useLocation(); // read again on every move in the console, and every few seconds

  useEffect(() => {
    if (!readsCases) return;
    const read = () =>
      void api.GET('/returns', { params: { query: { overdue: true, pageSize: 1 } } }).then(({ data }) => {
        if (data) setLate(data.total);
      });
    read();
    const timer = setInterval(read, LATE_COUNT_EVERY_MS);
    return () => clearInterval(timer);
  }, [api, readsCases, location]);

  // The tab (and a screen reader's window list) names the page as its heading does: "Return RO-2026-0001 – AVRR…".
  useEffect(() => {
    const main = document.querySelector('main');
    if (!main) return;
    const name = () => {
      const heading = main.querySelector('h1')?.textContent;
      document.title = heading ? `${heading} – ${t('app.title')}` : t('app.title');
    };
    name();
    const observer = new MutationObserver(name);
    observer.observe(main, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, [t]);

  return (
    <>
      <header className="top">
        <span className="brand">{t('app.title')}</span>
        <nav aria-label={t('nav.label')}>
          {readsCases && (
            <NavLink to="/" end>
              {t('nav.returns')}
            </NavLink>
          )}
          {has('case-worker', 'supervisor') && <NavLink to="/open">{t('nav.open')}</NavLink>}
          {has(...REPORT_READERS) && <NavLink to="/reports">{t('nav.reports')}</NavLink>}
          {has('administrator', 'auditor') && (
            <>
              <NavLink to="/admin/programmes">{t('nav.programmes')}</NavLink>
              <NavLink to="/admin/partners">{t('nav.partners')}</NavLink>
              <NavLink to="/admin/staff">{t('nav.staff')}</NavLink>
              <NavLink to="/admin/audit">{t('nav.audit')}</NavLink>
            </>
          )}
        </nav>
        {readsCases && (
          // A shortcut to a filter of the list, not a page of its own: never marked as the page the user is on.
          <Link to="/?overdue=true" className={late ? 'late-count' : 'late-count none-late'} data-testid="late-count">
            {t('nav.late', { n: format.number(late ?? 0) })}
          </Link>
        )}
        <LanguagePicker />
        <button type="button" onClick={signOut}>
          {t('nav.signOut')}
        </button>
      </header>
      <main>
        <Outlet />
      </main>
    </>
  );
}
