import { Fragment, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { ReturnView } from '../api/client';
import { offeredSteps, type StepContext } from '../steps/catalog';
import { StepForm } from '../steps/StepForm';
import { useFormat } from '../format';
import { useSignedIn } from '../session';

/** How often the page reads the return again, so it follows the workflow and colleagues' steps. */
const REFRESH_EVERY_MS = 2000;

export function ReturnCase() {
  const { caseRef = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const { api, session } = useSignedIn();
  const [view, setView] = useState<ReturnView | null>(null);
  const [missing, setMissing] = useState(false);
  const [survey, setSurvey] = useState<StepContext['survey']>();
  const [announced, setAnnounced] = useState('');
  // A step recorded changes the page (its form may go): a screen reader hears it, and focus goes to the steps.
  const recorded = (next: ReturnView, step: string) => {
    setView(next);
    setAnnounced(t('form.recorded', { what: step }));
    document.getElementById('steps')?.focus();
  };

  const read = useCallback(
    () =>
      void api.GET('/returns/{caseRef}', { params: { path: { caseRef } } }).then(({ data, response }) => {
        if (data) setView(data);
        setMissing(response.status === 404);
      }),
    [api, caseRef],
  );
  const pinned = view && ['reintegration', 'monitoring'].includes(view.stage ?? '') ? view.policyVersion : null;
  const programme = view?.programmeCode;
  useEffect(() => {
    if (!pinned || !programme) return;
    void api
      .GET('/programmes/{code}/versions/{version}', { params: { path: { code: programme, version: pinned } } })
      .then(({ data }) => setSurvey(data?.policy.reintegration.survey.questions));
  }, [api, programme, pinned]);
  useEffect(() => {
    read();
    const timer = setInterval(read, REFRESH_EVERY_MS);
    return () => clearInterval(timer);
  }, [read]);

  if (missing) return <h1>{t('case.missing', { caseRef })}</h1>;
  if (!view) return <p role="status">{t('case.loading')}</p>;

  const context: StepContext = { view, me: session.me, survey };
  const steps = offeredSteps(context);
  // Steps on a tranche are offered in its row, below: the page says so rather than "nothing to record".
  const trancheSteps = (view.reintegration?.disbursements ?? []).some(
    (d) => offeredSteps({ ...context, tranche: d }, true).length > 0,
  );
  const waiting = view.waitingFor;
  const late = waiting?.dueAt && Date.parse(waiting.dueAt) < Date.now();
  const { plan, budget, disbursements } = view.reintegration;
  // Approvals staff owe the case, beside what its workflow waits on (a partner, a visit): a tranche waits for finance.
  const approvals =
    view.stage === 'closed'
      ? []
      : [
          ...(plan && !plan.approvedBy ? [t('case.awaitsPlanApproval')] : []),
          ...disbursements
            .filter((d) => d.status === 'requested')
            .map((d) => t('case.awaitsTrancheApproval', { tranche: format.number(d.tranche) })),
        ];
  // Where the awaited partner is: an airport's team, or the consulate or mission of a country (the case's unless handed
  // over); the agency is the programme's own.
  const awaitedAt =
    waiting?.place ?? (waiting?.partner && waiting.partner !== 'travel-agency' ? view.destinationCountry : null);
  const restricted = (value: string) =>
    value === 'restricted' ? t('case.restricted') : t(`options.${value}`, { defaultValue: value });

  return (
    <>
      <h1>{t('case.title', { caseRef: view.caseRef })}</h1>
      <section aria-labelledby="where">
        <h2 id="where">{t('case.where')}</h2>
        <dl className="facts">
          <dt>{t('case.stage')}</dt>
          <dd data-testid="stage">{format.stage(view.stage, view.outcome)}</dd>
          <dt>{t('case.programme')}</dt>
          <dd>
            {view.programmeCode} (v{view.policyVersion})
          </dd>
          <dt>{t('case.destination')}</dt>
          <dd>
            {view.destinationCity}, {format.country(view.destinationCountry)}
          </dd>
          <dt>{t('case.waitingFor')}</dt>
          <dd data-testid="waiting-for">{waiting ? waiting.what : t('case.nothing')}</dd>
          {approvals.length > 0 && (
            <>
              <dt>{t('case.approvals')}</dt>
              <dd data-testid="approvals">{approvals.join('; ')}</dd>
            </>
          )}
          {waiting?.partner && (
            <>
              <dt>{t('case.from')}</dt>
              <dd data-testid="waiting-on">
                {t(`partners.${waiting.partner}`)}
                {awaitedAt && (
                  <>
                    {' '}
                    (<bdi>{/^[A-Z]{2}$/.test(awaitedAt) ? format.country(awaitedAt) : awaitedAt}</bdi>)
                  </>
                )}
              </dd>
            </>
          )}
          {waiting?.askedOn && (
            <>
              <dt>{t('case.askedOn')}</dt>
              <dd data-testid="asked-on">{format.dateTime(waiting.askedOn)}</dd>
            </>
          )}
          {waiting && (
            <>
              <dt>{t('case.since')}</dt>
              <dd>{format.dateTime(waiting.since)}</dd>
            </>
          )}
          {waiting?.dueAt && (
            <>
              <dt>{t('case.until')}</dt>
              <dd className={late ? 'late' : undefined}>
                {format.dateTime(waiting.dueAt)} {late && <strong>{t('case.late')}</strong>}
              </dd>
            </>
          )}
          {waiting && waiting.remindersSent > 0 && (
            <>
              <dt>{t('case.reminders')}</dt>
              <dd data-testid="reminders">{format.number(waiting.remindersSent)}</dd>
            </>
          )}
          {waiting?.escalatedAt && (
            <>
              <dt>{t('case.escalated')}</dt>
              <dd>{format.dateTime(waiting.escalatedAt)}</dd>
            </>
          )}
          {view.blockedBy.length > 0 && (
            <>
              <dt>{t('case.blockedBy')}</dt>
              <dd className="late">{view.blockedBy.join('; ')}</dd>
            </>
          )}
          {view.outcomeReason && (
            <>
              <dt>{t('case.outcomeReason')}</dt>
              <dd>{view.outcomeReason}</dd>
            </>
          )}
        </dl>
      </section>

      <section aria-labelledby="steps">
        <h2 id="steps" tabIndex={-1}>
          {t('case.steps')}
        </h2>
        <p role="status" className="visually-hidden">
          {announced}
        </p>
        {steps.length === 0 && <p>{t(trancheSteps ? 'case.trancheStepsBelow' : 'case.noSteps')}</p>}
        {steps.map((def) => (
          <StepForm key={def.id} def={def} context={context} onRecorded={recorded} />
        ))}
      </section>

      <section aria-labelledby="people">
        <h2 id="people">{t('case.people')}</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('case.role')}</th>
              <th scope="col">{t('fields.givenName')}</th>
              <th scope="col">{t('fields.familyName')}</th>
              <th scope="col">{t('fields.dateOfBirth')}</th>
              <th scope="col">{t('fields.nationality')}</th>
            </tr>
          </thead>
          <tbody>
            {view.persons.map((p, i) => (
              <tr key={i}>
                <td>{t(`case.${p.role}`)}</td>
                <td>{p.givenName}</td>
                <td>{p.familyName}</td>
                <td>{format.day(p.dateOfBirth)}</td>
                <td>{format.country(p.nationality)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <dl className="facts">
          <dt>{t('fields.targetGroup')}</dt>
          <dd>{restricted(view.targetGroup)}</dd>
          <dt>{t('fields.vulnerabilities')}</dt>
          <dd>{format.list(view.vulnerabilities.map(restricted)) || t('case.none')}</dd>
          {view.travelDocument && (
            <>
              <dt>{t('case.travelDocument')}</dt>
              <dd>
                {t(`options.${view.travelDocument.documentType}`)}{' '}
                {view.travelDocument.documentNumber === 'restricted'
                  ? t('case.numberRestricted')
                  : view.travelDocument.documentNumber}
                , {format.day(view.travelDocument.expiresOn)}
              </dd>
            </>
          )}
          {view.travelChecks.map((c, i) => (
            <Fragment key={i}>
              <dt>{c.check === 'restricted' ? t('case.travelCheck') : t(`steps.${c.check}`)}</dt>
              <dd data-testid="travel-check">
                {format.day(c.doneOn)}: {restricted(c.note)}
              </dd>
            </Fragment>
          ))}
          {view.escort && (
            <>
              <dt>{t('case.escort')}</dt>
              <dd>
                {restricted(view.escort.kind)}: {view.escort.givenName} {view.escort.familyName}
              </dd>
            </>
          )}
        </dl>
      </section>

      {view.itineraries.length > 0 && (
        <section aria-labelledby="flights">
          <h2 id="flights">{t('case.flights')}</h2>
          {view.itineraries.map((it) => (
            <p key={it.bookingRef}>
              <bdi>{it.bookingRef}</bdi> ({t(`case.${it.status}`)}):{' '}
              {/* Each flight isolated, its code and airports left to right: in Arabic the runs mixed across flights. */}
              {it.segments.map((s, i) => (
                <Fragment key={i}>
                  {i > 0 && ', '}
                  <bdi dir="ltr">
                    {s.flight} {s.from}→{s.to}
                  </bdi>{' '}
                  <bdi>{format.dateTime(s.departsAt)}</bdi>
                </Fragment>
              ))}
            </p>
          ))}
        </section>
      )}

      {(plan || disbursements.length > 0) && (
        <section aria-labelledby="reintegration">
          <h2 id="reintegration">{t('case.reintegration')}</h2>
          {plan && (
            <p data-testid="plan">
              {t('case.plan', { total: format.money(plan.total, plan.currency) })}{' '}
              {plan.approvedBy ? t('case.planApproved') : t('case.planAwaitsApproval')}
            </p>
          )}
          {/* What the plan funds: the supervisor approving it reads what they approve. */}
          {plan && (
            <ul data-testid="plan-items">
              {plan.items.map((item, i) => (
                <li key={i}>
                  {restricted(item.category)}:{' '}
                  <bdi>{item.description === 'restricted' ? t('case.restricted') : item.description}</bdi>,{' '}
                  {format.money(item.amount, plan.currency)}
                </li>
              ))}
            </ul>
          )}
          {/* Before the plan is approved there is no budget yet, not one spent. */}
          {budget && plan?.approvedBy && (
            <p>{t('case.budget', { remaining: format.money(budget.remaining, budget.currency) })}</p>
          )}
          {disbursements.length > 0 && (
            <table>
              <caption>{t('case.tranches')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('case.tranche')}</th>
                  <th scope="col">{t('fields.method')}</th>
                  <th scope="col">{t('fields.amount')}</th>
                  <th scope="col">{t('case.status')}</th>
                  <th scope="col">{t('case.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {disbursements.map((d) => {
                  const trancheContext = { ...context, tranche: d };
                  const own = d.status === 'requested' && d.requestedBy === session.me.id;
                  return (
                    <tr key={d.tranche} data-testid={`tranche-${d.tranche}`}>
                      <th scope="row">{format.number(d.tranche)}</th>
                      <td>{t(`options.${d.method}`)}</td>
                      <td>{format.money(d.amount, d.currency)}</td>
                      <td>
                        {t(`tranche.${d.status}`)}
                        {d.cancelReason && <span className="reason">: {d.cancelReason}</span>}
                      </td>
                      <td>
                        {own && session.me.roles.includes('finance-officer') && <p>{t('case.ownTranche')}</p>}
                        {offeredSteps(trancheContext, true).map((def) => (
                          <StepForm key={def.id} def={def} context={trancheContext} onRecorded={recorded} />
                        ))}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </section>
      )}

      <section aria-labelledby="timeline">
        <h2 id="timeline">{t('case.timeline')}</h2>
        <ol className="timeline">
          {view.timeline.map((entry, i) => (
            <li key={i}>
              <time dateTime={entry.at}>{format.dateTime(entry.at)}</time> {entry.summary}
              {entry.actorName && <span className="actor"> ({t('case.recordedBy', { name: entry.actorName })})</span>}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
