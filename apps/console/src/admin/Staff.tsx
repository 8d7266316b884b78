import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { refusalOf, type Role, type Schemas } from '../api/client';
import { enumOf } from '../api/enums';
import { DataForm } from '../forms/DataForm';
import { useFormat } from '../format';
import { useSignedIn } from '../session';
import { useRefusable } from './refusable';
import { picked, text, type Values } from '../forms/fields';

const programmesOf = (v: Values) => {
  const codes = text(v, 'programmes').trim();
  return codes ? codes.split(/[\s,]+/) : null;
};

/** Staff and their grants: roles, the programmes they cover (none listed: all), and whether they may sign in. */
export function Staff() {
  const { t } = useTranslation();
  const format = useFormat();
  const { api, has } = useSignedIn();
  const [staff, setStaff] = useState<Schemas['StaffUserView'][]>([]);
  const read = useCallback(() => void api.GET('/staff').then(({ data }) => setStaff(data ?? [])), [api]);
  useEffect(read, [read]);
  const [refused, act] = useRefusable(read);
  const roles = enumOf('CreateStaffUserDto', 'roles');
  return (
    <>
      <h1>{t('admin.staff')}</h1>
      {refused}
      <table>
        <thead>
          <tr>
            <th scope="col">{t('fields.username')}</th>
            <th scope="col">{t('fields.displayName')}</th>
            <th scope="col">{t('fields.roles')}</th>
            <th scope="col">{t('fields.programmes')}</th>
            <th scope="col">{t('admin.active')}</th>
          </tr>
        </thead>
        <tbody>
          {staff.map((s) => (
            <tr key={s.id}>
              <th scope="row">{s.username}</th>
              <td>{s.displayName}</td>
              <td>{format.list(s.roles.map((r) => t(`roles.${r}`)))}</td>
              <td>{s.programmes ? format.list(s.programmes) : t('admin.all')}</td>
              <td>
                {has('administrator') ? (
                  <button
                    type="button"
                    onClick={() =>
                      act(api.PATCH('/staff/{id}', { params: { path: { id: s.id } }, body: { active: !s.active } }))
                    }
                  >
                    {t(s.active ? 'admin.disable' : 'admin.enable', { name: s.username })}
                  </button>
                ) : (
                  t(s.active ? 'list.yes' : 'list.no')
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {has('administrator') && (
        <DataForm
          id="staff"
          title={t('admin.addStaff')}
          submitLabel={t('admin.save')}
          fields={[
            { name: 'username', kind: 'text', required: true },
            { name: 'displayName', kind: 'text', required: true },
            { name: 'roles', kind: 'multiselect', options: roles, required: true, labels: 'roles' },
            { name: 'programmes', kind: 'text' },
            { name: 'password', kind: 'password' },
          ]}
          send={async (v) => {
            const { data, error, response } = await api.POST('/staff', {
              body: {
                username: text(v, 'username'),
                displayName: text(v, 'displayName'),
                roles: picked(v, 'roles') as Role[],
                programmes: programmesOf(v),
                password: text(v, 'password') || undefined,
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
