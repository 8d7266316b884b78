import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { refusalOf, type Schemas } from '../api/client';
import { useDownload } from '../api/download';
import { useFormat } from '../format';
import { useSignedIn } from '../session';

/** Loads a programme's past cases from a CSV file; each refused row is listed by line and field. */
export function HistoryImport({ programme, onImported }: { programme: string; onImported: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { api } = useSignedIn();
  const download = useDownload();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<Schemas['ImportReportView'] | null>(null);
  const [refusal, setRefusal] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    const { data, error, response } = await api.POST('/reports/imports', {
      params: { query: { programme } },
      body: await file.text(),
      bodySerializer: (csv: string) => csv,
      headers: { 'content-type': 'text/csv' },
    });
    setBusy(false);
    setResult(data ?? null);
    setRefusal(data ? [] : refusalOf(response.status, error).messages);
    if (data) onImported();
  }
  const template = async () => {
    const refused = await download('/reports/imports/template.csv');
    setRefusal(refused?.messages ?? []);
  };

  return (
    <section aria-labelledby="import-title">
      <h2 id="import-title">{t('reports.import')}</h2>
      <button type="button" onClick={() => void template()}>
        {t('reports.template')}
      </button>
      {programme ? (
        <form className="find" aria-labelledby="import-title" onSubmit={(e) => void submit(e)}>
          <div className="field">
            <label htmlFor="import-file">{t('reports.file', { programme })}</label>
            <input
              id="import-file"
              type="file"
              accept=".csv,text/csv"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </div>
          <button type="submit" disabled={!file || busy}>
            {t('reports.importSubmit')}
          </button>
        </form>
      ) : (
        <p>{t('reports.pickProgramme')}</p>
      )}
      {refusal.map((message) => (
        <p key={message} className="refusal" role="alert">
          {message}
        </p>
      ))}
      {result && (
        <>
          <p role="status">
            {t('reports.imported', {
              imported: format.number(result.imported),
              unchanged: format.number(result.unchanged),
              refused: format.number(new Set(result.refused.map((r) => r.line)).size),
            })}
          </p>
          {result.refused.length > 0 && (
            <table>
              <caption>{t('reports.refusedRows')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('reports.line')}</th>
                  <th scope="col">{t('reports.field')}</th>
                  <th scope="col">{t('reports.rule')}</th>
                </tr>
              </thead>
              <tbody>
                {result.refused.map((r) => (
                  <tr key={`${r.line} ${r.field}`}>
                    <th scope="row">{format.number(r.line)}</th>
                    <td>{r.field}</td>
                    <td>{r.rule}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
