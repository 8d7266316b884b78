import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../api/client';
import { useFormat } from '../format';
import { BarChart } from './BarChart';

type Report = Schemas['SummaryReportView'];
type Metric = keyof Report['figures'];
type Breakdown = keyof Schemas['FigureView']['breakdowns'];

/** Breakdowns whose values have an order of their own; the others list the largest counts first. */
const ORDERED: string[] = ['sex', 'age-group'];

interface Row {
  key: string;
  label: string;
  value: number | null;
}

/** One breakdown of a figure: a table with the numbers and a chart of the same rows. */
function Breakdown({
  caption,
  heading,
  rows,
  suppressed,
}: {
  caption: string;
  heading: string;
  rows: Row[];
  suppressed: string;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const text = (value: number | null) => (value === null ? suppressed : format.number(value));
  // The breakdown's name sits inside the caption's sentence in lower case; as a column's header it starts a line.
  const column = heading.charAt(0).toLocaleUpperCase(i18n.language) + heading.slice(1);
  return (
    <div className="breakdown">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{column}</th>
            <th scope="col">{t('reports.count')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td className={row.value === null ? 'suppressed' : undefined}>{text(row.value)}</td>
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={2}>{t('reports.nothing')}</td>
            </tr>
          )}
        </tbody>
      </table>
      {rows.length > 0 && (
        <BarChart
          title={caption}
          bars={rows.map((row) => ({ label: row.label, value: row.value, text: text(row.value) }))}
        />
      )}
    </div>
  );
}

/** The report: every figure's total, then the chosen figure by period and by each breakdown, and the stage days. */
export function Figures({ report }: { report: Report }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [metric, setMetric] = useState<Metric>('counselled');
  const metrics = Object.keys(report.figures) as Metric[];
  const figure = report.figures[metric];
  const name = t(`reports.figures.${metric}`);
  const suppressed = t('reports.suppressed', { below: format.number(report.suppressBelow) });

  const label = (breakdown: Breakdown, value: string) => {
    switch (breakdown) {
      case 'host-country':
      case 'destination-country':
        return format.country(value);
      case 'sex':
        return t(`reports.sexes.${value}`, { defaultValue: value });
      case 'target-group':
      case 'vulnerability':
        return t(`options.${value}`, { defaultValue: value });
      case 'age-group':
        return value;
    }
  };
  const rowsOf = (breakdown: Breakdown): Row[] => {
    const rows = Object.entries(figure.breakdowns[breakdown]).map(([key, value]) => ({
      key,
      label: label(breakdown, key),
      value,
    }));
    return ORDERED.includes(breakdown)
      ? rows.sort((a, b) => a.key.localeCompare(b.key))
      : rows.sort((a, b) => (b.value ?? 0) - (a.value ?? 0) || a.label.localeCompare(b.label));
  };
  const periods: Row[] = Object.entries(figure.byPeriod).map(([key, value]) => ({
    key,
    label: report.granularity === 'month' ? format.month(key) : key,
    value,
  }));
  const detailLabel = (key: string) => (metric === 'closed' ? t(`outcomes.${key}`, { defaultValue: key }) : key);
  const maybe = (value: number | null) => (value === null ? '—' : format.days(value));

  return (
    <>
      <table>
        <caption>{t('reports.totals')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.figure')}</th>
            <th scope="col">{t('reports.unit')}</th>
            <th scope="col">{t('reports.total')}</th>
          </tr>
        </thead>
        <tbody>
          {metrics.map((m) => (
            <tr key={m}>
              <th scope="row">{t(`reports.figures.${m}`)}</th>
              <td>{t(`reports.units.${report.figures[m].unit}`)}</td>
              <td>{format.number(report.figures[m].total)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t('reports.breakdowns')}</h2>
      <div className="filters">
        <div className="field">
          <label htmlFor="report-figure">{t('reports.figure')}</label>
          <select id="report-figure" value={metric} onChange={(e) => setMetric(e.target.value as Metric)}>
            {metrics.map((m) => (
              <option key={m} value={m}>
                {t(`reports.figures.${m}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <Breakdown
        caption={t('reports.by', { figure: name, by: t(`reports.breakdown.${report.granularity}`) })}
        heading={t(`reports.breakdown.${report.granularity}`)}
        rows={periods}
        suppressed={suppressed}
      />
      {(Object.keys(figure.breakdowns) as Breakdown[]).map((breakdown) => (
        <Breakdown
          key={breakdown}
          caption={t('reports.by', { figure: name, by: t(`reports.breakdown.${breakdown}`) })}
          heading={t(`reports.breakdown.${breakdown}`)}
          rows={rowsOf(breakdown)}
          suppressed={suppressed}
        />
      ))}
      {figure.details && (
        <Breakdown
          caption={t('reports.details', { figure: name })}
          heading={t(metric === 'closed' ? 'reports.outcome' : 'reports.reason')}
          rows={Object.entries(figure.details).map(([key, value]) => ({ key, label: detailLabel(key), value }))}
          suppressed={suppressed}
        />
      )}
      {figure.amounts && (
        <table>
          <caption>{t('reports.amounts', { figure: name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reports.currency')}</th>
              <th scope="col">{t('reports.count')}</th>
              <th scope="col">{t('reports.amount')}</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(figure.amounts).map(([currency, money]) => (
              <tr key={currency}>
                <th scope="row">{currency}</th>
                <td>{format.number(money.count)}</td>
                <td>{format.money(money.amount, currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>{t('reports.stageDays')}</h2>
      <table>
        <caption>{t('reports.stageDaysCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.span')}</th>
            <th scope="col">{t('reports.cases')}</th>
            <th scope="col">{t('reports.median')}</th>
            <th scope="col">{t('reports.p90')}</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(report.stageDays).map(([span, days]) => (
            <tr key={span}>
              <th scope="row">{t(`reports.spans.${span}`)}</th>
              <td>{format.number(days.cases)}</td>
              <td>{maybe(days.median)}</td>
              <td>{maybe(days.p90)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table>
        <caption>{t('reports.scores')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.dimension')}</th>
            <th scope="col">{t('reports.visits')}</th>
            <th scope="col">{t('reports.mean')}</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(report.scores).map(([dimension, score]) => (
            <tr key={dimension}>
              <th scope="row">{t(`reports.dimensions.${dimension}`)}</th>
              <td>{format.number(score.visits)}</td>
              <td>{score.mean === null ? '—' : format.number(score.mean)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
