import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_LIST_READERS, HISTORY_IMPORTERS, refusalOf, type Schemas } from '../api/client';
import { useDownload } from '../api/download';
import { useFormat } from '../format';
import { useSignedIn } from '../session';
import { Figures } from './Figures';
import { HistoryImport } from './HistoryImport';

interface Choice {
  programme: string;
  year: string;
  /** 01 to 12, or empty for the whole year. */
  month: string;
}

/** The report's query: one year laid out by month, or one month. */
const queryOf = ({ programme, year, month }: Choice) => {
  const period = month ? `${year}-${month}` : year;
  return { ...(programme ? { programme } : {}), from: period, to: period, granularity: 'month' as const };
};

/** A programme's figures for a year or a month, their CSV exports, and the import of its history. */
export function Reports() {
  const { t } = useTranslation();
  const format = useFormat();
  const { api, session, has } = useSignedIn();
  const download = useDownload();
  const [programmes, setProgrammes] = useState<string[]>([]);
  const [choice, setChoice] = useState<Choice>({ programme: '', year: String(new Date().getFullYear()), month: '' });
  const [shown, setShown] = useState(choice);
  const [reads, setReads] = useState(0);
  const [report, setReport] = useState<Schemas['SummaryReportView'] | null>(null);
  const [refusal, setRefusal] = useState<string[]>([]);

  useEffect(() => {
    const covered = session.me.programmes;
    void api
      .GET('/programmes')
      .then(({ data }) =>
        setProgrammes((data ?? []).map((p) => p.code).filter((code) => !covered || covered.includes(code))),
      );
  }, [api, session]);
  useEffect(() => {
    void api.GET('/reports/summary', { params: { query: queryOf(shown) } }).then(({ data, error, response }) => {
      setReport(data ?? null);
      setRefusal(data ? [] : refusalOf(response.status, error).messages);
    });
  }, [api, shown, reads]);

  const show = (event: FormEvent) => {
    event.preventDefault();
    setShown(choice);
  };
  const exportCsv = async (file: 'summary.csv' | 'cases.csv') => {
    const query = new URLSearchParams(queryOf(shown));
    const refused = await download(`/reports/${file}?${query.toString()}`);
    setRefusal(refused?.messages ?? []);
  };
  const set = (key: keyof Choice) => (value: string) => setChoice((c) => ({ ...c, [key]: value }));

  return (
    <>
      <h1>{t('reports.title')}</h1>
      <form className="filters" aria-label={t('reports.period')} onSubmit={show}>
        <div className="field">
          <label htmlFor="report-programme">{t('list.programme')}</label>
          <select id="report-programme" value={choice.programme} onChange={(e) => set('programme')(e.target.value)}>
            <option value="">{t('reports.allProgrammes')}</option>
            {programmes.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="report-year">{t('reports.year')}</label>
          <input
            id="report-year"
            type="number"
            min={1990}
            max={9999}
            required
            value={choice.year}
            onChange={(e) => set('year')(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="report-month">{t('reports.month')}</label>
          <select id="report-month" value={choice.month} onChange={(e) => set('month')(e.target.value)}>
            <option value="">{t('reports.wholeYear')}</option>
            {Array.from({ length: 12 }, (_, i) => (
              <option key={i} value={String(i + 1).padStart(2, '0')}>
                {format.monthName(i + 1)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('reports.show')}</button>
      </form>
      {refusal.map((message) => (
        <p key={message} className="refusal" role="alert">
          {message}
        </p>
      ))}

      <h2>{t('reports.exports')}</h2>
      <button type="button" onClick={() => void exportCsv('summary.csv')}>
        {t('reports.exportFigures')}
      </button>
      {has(...CASE_LIST_READERS) && (
        <button type="button" onClick={() => void exportCsv('cases.csv')}>
          {t('reports.exportCases')}
        </button>
      )}

      {has(...HISTORY_IMPORTERS) && (
        <HistoryImport
          programme={choice.programme}
          onImported={() => {
            setShown(choice);
            setReads((n) => n + 1);
          }}
        />
      )}

      <h2>
        {t('reports.figuresTitle', { period: shown.month ? format.month(`${shown.year}-${shown.month}`) : shown.year })}
      </h2>
      {report ? <Figures report={report} /> : refusal.length === 0 && <p role="status">{t('case.loading')}</p>}
    </>
  );
}
