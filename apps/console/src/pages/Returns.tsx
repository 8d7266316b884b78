import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { refusalOf, type Schemas } from '../api/client';
import { enumOf, queryEnumOf } from '../api/enums';
import { useFormat } from '../format';
import { useSignedIn } from '../session';

type Summary = Schemas['ReturnSummaryView'];
type SortKey = 'caseRef' | 'openedAt' | 'dueAt' | 'lateBySeconds';
const FILTERS = ['stage', 'programme', 'destination', 'overdue', 'failing', 'partner', 'awaiting'] as const;
const PAGE_SIZE = 25;

/** The returns the user's grant covers, filtered as the URL says (so a filtered list can be shared). */
export function Returns() {
  const { t } = useTranslation();
  const format = useFormat();
  const { api } = useSignedIn();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const [list, setList] = useState<{ items: Summary[]; total: number } | null>(null);
  const [error, setError] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'openedAt', descending: true });
  const [caseRef, setCaseRef] = useState('');
  const page = Number(search.get('page') ?? '1');

  useEffect(() => {
    const query = Object.fromEntries(FILTERS.flatMap((f) => (search.get(f) ? [[f, search.get(f)!]] : [])));
    const read = () =>
      void api
        .GET('/returns', {
          params: {
            query: {
              ...query,
              overdue: query.overdue === undefined ? undefined : query.overdue === 'true',
              failing: query.failing === undefined ? undefined : query.failing === 'true',
              stage: query.stage as Summary['stage'] & string,
              awaiting: query.awaiting as 'tranche-approval' | undefined,
              page,
              pageSize: PAGE_SIZE,
            },
          },
        })
        .then(({ data, error: refused }) => {
          if (data) {
            setList(data);
            setError('');
          } else setError(refusalOf(0, refused).messages.join('; '));
        });
    read();
    const timer = setInterval(read, 10_000);
    return () => clearInterval(timer);
  }, [api, search, page]);

  function applyFilters(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const f of FILTERS) {
      const value = String(data.get(f) ?? '').trim();
      if (value) next.set(f, f === 'destination' || f === 'programme' ? value.toUpperCase() : value);
    }
    setSearch(next);
  }

  function findCase(event: FormEvent) {
    event.preventDefault();
    if (caseRef.trim()) void navigate(`/returns/${encodeURIComponent(caseRef.trim().toUpperCase())}`);
  }

  const sorted = [...(list?.items ?? [])].sort((a, b) => {
    const [x, y] = [a[sort.key] ?? '', b[sort.key] ?? ''];
    const order = x < y ? -1 : x > y ? 1 : 0;
    return sort.descending ? -order : order;
  });
  const header = (key: SortKey) => (
    <th scope="col" aria-sort={sort.key === key ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
      <button
        type="button"
        className="sort"
        onClick={() => setSort({ key, descending: sort.key === key ? !sort.descending : false })}
      >
        {t(`list.${key}`)}
      </button>
    </th>
  );
  const lastPage = Math.max(1, Math.ceil((list?.total ?? 0) / PAGE_SIZE));
  const goTo = (n: number) => {
    const next = new URLSearchParams(search);
    next.set('page', String(n));
    setSearch(next);
  };

  return (
    <>
      <h1>{t('list.title')}</h1>
      <form className="find" role="search" onSubmit={findCase}>
        <label htmlFor="find-case">{t('list.findCase')}</label>
        <input id="find-case" value={caseRef} onChange={(e) => setCaseRef(e.target.value)} />
        <button type="submit">{t('list.open')}</button>
      </form>
      <form className="filters" onSubmit={applyFilters} key={search.toString()} aria-label={t('list.filters')}>
        <div className="field">
          <label htmlFor="f-stage">{t('list.stage')}</label>
          <select id="f-stage" name="stage" defaultValue={search.get('stage') ?? ''}>
            <option value="">{t('list.any')}</option>
            {enumOf('ReturnSummaryView', 'stage').map((s) => (
              <option key={s} value={s}>
                {t(`stages.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-programme">{t('list.programme')}</label>
          <input id="f-programme" name="programme" defaultValue={search.get('programme') ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="f-destination">{t('list.destination')}</label>
          <input id="f-destination" name="destination" maxLength={2} defaultValue={search.get('destination') ?? ''} />
        </div>
        <YesNoFilter name="overdue" value={search.get('overdue')} />
        <YesNoFilter name="failing" value={search.get('failing')} />
        <div className="field">
          <label htmlFor="f-partner">{t('list.waitingOn')}</label>
          <input id="f-partner" name="partner" placeholder="consulate:PK" defaultValue={search.get('partner') ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="f-awaiting">{t('list.awaiting')}</label>
          <select id="f-awaiting" name="awaiting" defaultValue={search.get('awaiting') ?? ''}>
            <option value="">{t('list.any')}</option>
            {queryEnumOf('/returns', 'awaiting').map((a) => (
              <option key={a} value={a}>
                {t(`options.${a}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('list.apply')}</button>
      </form>
      {error && (
        <p className="refusal" role="alert">
          {error}
        </p>
      )}
      <table>
        <caption>{t('list.caption', { count: list?.total ?? 0, n: format.number(list?.total ?? 0) })}</caption>
        <thead>
          <tr>
            {header('caseRef')}
            <th scope="col">{t('list.programme')}</th>
            <th scope="col">{t('list.destination')}</th>
            <th scope="col">{t('list.stage')}</th>
            <th scope="col">{t('list.waitingOn')}</th>
            {header('dueAt')}
            {header('lateBySeconds')}
            {header('openedAt')}
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <tr key={r.caseRef} className={r.overdue ? 'late' : undefined}>
              <th scope="row">
                <Link to={`/returns/${encodeURIComponent(r.caseRef)}`}>{r.caseRef}</Link>
              </th>
              <td>{r.programmeCode}</td>
              <td>{format.country(r.destinationCountry)}</td>
              <td>{format.stage(r.stage, r.outcome)}</td>
              <td>{r.waitingOn ?? ''}</td>
              <td>{format.dateTime(r.dueAt)}</td>
              <td>{r.lateBySeconds ? format.lateness(r.lateBySeconds) : ''}</td>
              <td>{format.dateTime(r.openedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav className="pages" aria-label={t('list.pages')}>
        <button type="button" disabled={page <= 1} onClick={() => goTo(page - 1)}>
          {t('list.previous')}
        </button>
        <span>{t('list.page', { page: format.number(page), of: format.number(lastPage) })}</span>
        <button type="button" disabled={page >= lastPage} onClick={() => goTo(page + 1)}>
          {t('list.next')}
        </button>
      </nav>
    </>
  );
}

/** A filter that is either unset, yes or no. */
function YesNoFilter({ name, value }: { name: 'overdue' | 'failing'; value: string | null }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={`f-${name}`}>{t(`list.${name}`)}</label>
      <select id={`f-${name}`} name={name} defaultValue={value ?? ''}>
        <option value="">{t('list.any')}</option>
        <option value="true">{t('list.yes')}</option>
        <option value="false">{t('list.no')}</option>
      </select>
    </div>
  );
}
