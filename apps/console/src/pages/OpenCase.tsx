import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { refusalOf, type Schemas } from '../api/client';
import { enumOf } from '../api/enums';
import { DataForm } from '../forms/DataForm';
import { useFormat } from '../format';
import { useSignedIn } from '../session';
import { items, picked, text, type FieldDef, type Values } from '../forms/fields';

type Policy = Schemas['ProgrammeView']['policy'];

const person = (prefix = ''): FieldDef[] => [
  { name: `${prefix}givenName`, kind: 'text', required: true },
  { name: `${prefix}familyName`, kind: 'text', required: true },
  { name: `${prefix}dateOfBirth`, kind: 'date', required: true },
  { name: `${prefix}nationality`, kind: 'country', required: true },
  { name: `${prefix}sex`, kind: 'select', options: enumOf('PersonDto', 'sex'), labels: 'reports.sexes' },
];
const readPerson = (read: (field: string) => string) => ({
  givenName: read('givenName'),
  familyName: read('familyName'),
  dateOfBirth: read('dateOfBirth'),
  nationality: read('nationality'),
  sex: (read('sex') || undefined) as 'female' | undefined,
});

/** Opening a case: the returnee and dependants, target group, needs, destination, and the programme's answer. */
export function OpenCase() {
  const { t } = useTranslation();
  const format = useFormat();
  const { api } = useSignedIn();
  const navigate = useNavigate();
  const [programmes, setProgrammes] = useState<string[]>([]);
  const [values, setValues] = useState<Values>({});
  const [policy, setPolicy] = useState<Policy | null>(null);
  const programme = text(values, 'programmeCode');

  useEffect(() => {
    void api.GET('/programmes').then(({ data }) => setProgrammes((data ?? []).map((p) => p.code)));
  }, [api]);
  useEffect(() => {
    setPolicy(null);
    if (programme) {
      void api
        .GET('/programmes/{code}', { params: { path: { code: programme } } })
        .then(({ data }) => setPolicy(data?.policy ?? null));
    }
  }, [api, programme]);

  const fields: FieldDef[] = [
    { name: 'caseRef', kind: 'text', required: true, pattern: /^[A-Z0-9-]{3,40}$/, hint: 'RO-2026-0001' },
    { name: 'programmeCode', kind: 'select', options: programmes, required: true },
    { name: 'hostCountry', kind: 'country', required: true },
    { name: 'destination.country', kind: 'country', required: true },
    { name: 'destination.city', kind: 'text', required: true },
    ...person('returnee.'),
    { name: 'dependants', kind: 'list', min: 0, max: 20, of: person() },
    { name: 'targetGroup', kind: 'select', options: enumOf('StartReturnDto', 'targetGroup'), required: true },
    { name: 'vulnerabilities', kind: 'multiselect', options: enumOf('StartReturnDto', 'vulnerabilities') },
    { name: 'hasValidTravelDocument', kind: 'checkbox' },
  ];

  return (
    <>
      <h1>{t('open.title')}</h1>
      <DataForm
        id="open-case"
        title={t('open.form')}
        fields={fields}
        submitLabel={t('open.submit')}
        onValues={setValues}
        send={async (v) => {
          const { data, error, response } = await api.POST('/returns', {
            body: {
              caseRef: text(v, 'caseRef'),
              programmeCode: text(v, 'programmeCode'),
              hostCountry: text(v, 'hostCountry'),
              destination: { country: text(v, 'destination.country'), city: text(v, 'destination.city') },
              returnee: readPerson((f) => text(v, `returnee.${f}`)),
              dependants: items(v, 'dependants', 0).map(readPerson),
              targetGroup: text(v, 'targetGroup') as 'return-decision',
              vulnerabilities: picked(v, 'vulnerabilities') as 'disability'[],
              hasValidTravelDocument: text(v, 'hasValidTravelDocument') === 'true',
            },
          });
          if (!data) return { ok: false, refusal: refusalOf(response.status, error) };
          void navigate(`/returns/${encodeURIComponent(data.caseRef)}`);
          return { ok: true };
        }}
      >
        <Eligibility policy={policy} values={values} format={format} />
      </DataForm>
    </>
  );
}

/** What the programme's current policy says of this case, before it is opened (the API decides at submission). */
function Eligibility({
  policy,
  values,
  format,
}: {
  policy: Policy | null;
  values: Values;
  format: ReturnType<typeof useFormat>;
}) {
  const { t } = useTranslation();
  if (!policy) return <p className="eligibility">{t('open.pickProgramme')}</p>;
  const destination = text(values, 'destination.country');
  const group = text(values, 'targetGroup');
  const needs = picked(values, 'vulnerabilities');
  const reasons: string[] = [];
  if (destination && policy.closedDestinations.includes(destination)) {
    reasons.push(t('open.closed', { country: format.country(destination) }));
  }
  if (group && !policy.eligibleTargetGroups.includes(group as never)) {
    reasons.push(t('open.notEligible', { group: t(`options.${group}`, { defaultValue: group }) }));
  }
  const checks = [
    ...(needs.some((n) => policy.travel.fitToTravelFor.includes(n as never)) ? [t('steps.fit-to-travel')] : []),
    ...(needs.some((n) => policy.travel.familyTracingFor.includes(n as never)) ? [t('steps.family-tracing')] : []),
    ...(needs.some((n) => policy.travel.escortFor.includes(n as never)) ? [t('open.escort')] : []),
  ];
  const r = policy.reintegration;
  return (
    <section className="eligibility" aria-live="polite" aria-labelledby="eligibility-title">
      <h4 id="eligibility-title">{t('open.eligibility')}</h4>
      {reasons.length ? (
        reasons.map((reason) => (
          <p key={reason} className="refusal">
            {reason}
          </p>
        ))
      ) : (
        <p>{destination && group ? t('open.eligible') : t('open.fillIn')}</p>
      )}
      {checks.length > 0 && <p>{t('open.checks', { checks: format.list(checks) })}</p>}
      <p>
        {r.funded
          ? t('open.reintegration', {
              adult: format.money(r.perAdult, r.currency),
              child: format.money(r.perChild, r.currency),
            })
          : t('open.noReintegration')}
      </p>
    </section>
  );
}
