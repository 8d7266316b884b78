import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { refusalOf, type Schemas } from '../api/client';
import { enumOf } from '../api/enums';
import { DataForm } from '../forms/DataForm';
import { useSignedIn } from '../session';
import { useRefusable } from './refusable';
import { text } from '../forms/fields';

export function Partners() {
  const { t } = useTranslation();
  const { api, has } = useSignedIn();
  const [partners, setPartners] = useState<Schemas['PartnerView'][]>([]);
  const read = useCallback(() => void api.GET('/partners').then(({ data }) => setPartners(data ?? [])), [api]);
  useEffect(read, [read]);
  const [refused, act] = useRefusable(read);
  const kind = enumOf('PartnerDto', 'kind');
  return (
    <>
      <h1>{t('admin.partners')}</h1>
      {refused}
      <table>
        <thead>
          <tr>
            <th scope="col">{t('fields.kind')}</th>
            <th scope="col">{t('fields.place')}</th>
            <th scope="col">{t('admin.name')}</th>
            <th scope="col">{t('fields.email')}</th>
            {has('administrator') && <th scope="col">{t('case.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {partners.map((p) => (
            <tr key={p.id}>
              <td>{t(`partners.${p.kind}`)}</td>
              <td>{p.place}</td>
              <td>{p.name}</td>
              <td>{p.email}</td>
              {has('administrator') && (
                <td>
                  <button
                    type="button"
                    onClick={() => act(api.DELETE('/partners/{id}', { params: { path: { id: p.id } } }))}
                  >
                    {t('admin.remove', { name: p.name })}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {has('administrator') && (
        <DataForm
          id="partner"
          title={t('admin.addPartner')}
          submitLabel={t('admin.save')}
          fields={[
            { name: 'kind', kind: 'select', options: kind, required: true, labels: 'partners' },
            { name: 'place', kind: 'text', required: true, pattern: /^[A-Z0-9-]{2,10}$/, hint: 'PK' },
            { name: 'name', kind: 'text', required: true },
            { name: 'email', kind: 'text', required: true },
          ]}
          send={async (v) => {
            const { data, error, response } = await api.POST('/partners', {
              body: {
                kind: text(v, 'kind') as 'consulate',
                place: text(v, 'place'),
                name: text(v, 'name'),
                email: text(v, 'email'),
              },
            });
            read();
            return data ? { ok: true } : { ok: false, refusal: refusalOf(response.status, error) };
          }}
        />
      )}
    </>
  );
}
