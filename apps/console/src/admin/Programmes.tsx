import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Schemas } from '../api/client';
import { useFormat } from '../format';
import { useSignedIn } from '../session';

export function Programmes() {
  const { t } = useTranslation();
  const { api } = useSignedIn();
  const [programmes, setProgrammes] = useState<Schemas['ProgrammeSummaryView'][]>([]);
  useEffect(() => {
    void api.GET('/programmes').then(({ data }) => setProgrammes(data ?? []));
  }, [api]);
  return (
    <>
      <h1>{t('admin.programmes')}</h1>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('admin.code')}</th>
            <th scope="col">{t('admin.name')}</th>
            <th scope="col">{t('admin.version')}</th>
          </tr>
        </thead>
        <tbody>
          {programmes.map((p) => (
            <tr key={p.code}>
              <th scope="row">
                <Link to={`/admin/programmes/${encodeURIComponent(p.code)}`}>{p.code}</Link>
              </th>
              <td>{p.name}</td>
              <td>{p.currentVersion}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** Every leaf of a policy by its dotted path, so two versions compare line by line. */
function flatten(value: unknown, prefix = ''): Record<string, string> {
  if (value === null || typeof value !== 'object') return { [prefix]: JSON.stringify(value) };
  return Object.assign(
    {},
    ...Object.entries(value).map(([key, inner]) => flatten(inner, prefix ? `${prefix}.${key}` : key)),
  ) as Record<string, string>;
}

/** One programme: its versions, and what changed between two of them. */
export function Programme() {
  const { code = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const { api } = useSignedIn();
  const [programme, setProgramme] = useState<Schemas['ProgrammeView'] | null>(null);
  const [pair, setPair] = useState<[number, number]>([0, 0]);
  const [diff, setDiff] = useState<[string, string, string][]>([]);

  useEffect(() => {
    void api.GET('/programmes/{code}', { params: { path: { code } } }).then(({ data }) => {
      if (!data) return;
      setProgramme(data);
      setPair([Math.max(1, data.currentVersion - 1), data.currentVersion]);
    });
  }, [api, code]);
  useEffect(() => {
    const [from, to] = pair;
    if (!from || !to) return;
    const read = (version: number) =>
      api.GET('/programmes/{code}/versions/{version}', { params: { path: { code, version } } });
    void Promise.all([read(from), read(to)]).then(([a, b]) => {
      const [x, y] = [flatten(a.data?.policy), flatten(b.data?.policy)];
      const keys = [...new Set([...Object.keys(x), ...Object.keys(y)])].sort();
      setDiff(keys.filter((k) => x[k] !== y[k]).map((k) => [k, x[k] ?? '', y[k] ?? '']));
    });
  }, [api, code, pair]);

  if (!programme) return <p role="status">{t('case.loading')}</p>;
  const versions = (programme.versions as unknown as { version: number; createdAt: string }[]).map((v) => v.version);
  const picker = (index: 0 | 1) => (
    <div className="field">
      <label htmlFor={`version-${index}`}>{t(index ? 'admin.to' : 'admin.from')}</label>
      <select
        id={`version-${index}`}
        value={pair[index]}
        onChange={(e) => setPair((p) => (index ? [p[0], Number(e.target.value)] : [Number(e.target.value), p[1]]))}
      >
        {versions.map((v) => (
          <option key={v} value={v}>
            v{v}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <>
      <h1>
        {programme.code}: {programme.name}
      </h1>
      <ul>
        {(programme.versions as unknown as { version: number; createdAt: string }[]).map((v) => (
          <li key={v.version}>
            v{v.version}, {format.dateTime(v.createdAt)}
          </li>
        ))}
      </ul>
      <h2>{t('admin.diff')}</h2>
      <div className="filters">
        {picker(0)}
        {picker(1)}
      </div>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('admin.setting')}</th>
            <th scope="col">v{pair[0]}</th>
            <th scope="col">v{pair[1]}</th>
          </tr>
        </thead>
        <tbody>
          {diff.map(([key, a, b]) => (
            <tr key={key}>
              <th scope="row">{key}</th>
              <td>{a}</td>
              <td>{b}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {diff.length === 0 && <p>{t('admin.noDiff')}</p>}
    </>
  );
}
