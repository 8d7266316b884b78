import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../api/client';
import { useFormat } from '../format';
import { useSignedIn } from '../session';

/** The audit trail: who did what, on which case, with what outcome. */
export function Audit() {
  const { t } = useTranslation();
  const format = useFormat();
  const { api } = useSignedIn();
  const [caseRef, setCaseRef] = useState('');
  const [query, setQuery] = useState('');
  const [entries, setEntries] = useState<Schemas['AuditEntryView'][]>([]);
  useEffect(() => {
    void api
      .GET('/audit', { params: { query: query ? { caseRef: query } : {} } })
      .then(({ data }) => setEntries(data ?? []));
  }, [api, query]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setQuery(caseRef.trim().toUpperCase());
  };
  return (
    <>
      <h1>{t('admin.audit')}</h1>
      <form className="find" role="search" onSubmit={submit}>
        <label htmlFor="audit-case">{t('list.caseRef')}</label>
        <input id="audit-case" value={caseRef} onChange={(e) => setCaseRef(e.target.value)} />
        <button type="submit">{t('list.apply')}</button>
      </form>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('admin.when')}</th>
            <th scope="col">{t('admin.actor')}</th>
            <th scope="col">{t('admin.action')}</th>
            <th scope="col">{t('list.caseRef')}</th>
            <th scope="col">{t('case.status')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td>{format.dateTime(e.occurredAt)}</td>
              <td>{e.actor}</td>
              <td>{e.action}</td>
              <td>{e.caseRef ?? ''}</td>
              <td>{e.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
