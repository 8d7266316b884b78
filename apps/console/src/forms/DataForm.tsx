import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { countryCodes, useFormat } from '../format';
import type { ApiRefusal } from '../api/client';
import { count, fieldOf, paths, picked, text, validate, type FieldDef, type Values } from './fields';

/** What the API said when it refused a request as a whole, announced as it is shown. */
export function Refusals({ messages }: { messages: string[] }) {
  return messages.map((message) => (
    <p key={message} className="refusal" role="alert">
      {message}
    </p>
  ));
}

export type Sent = { ok: true } | { ok: false; refusal: ApiRefusal };

interface Props {
  id: string;
  title: string;
  fields: FieldDef[];
  submitLabel: string;
  send: (values: Values) => Promise<Sent>;
  /** Values the form starts with. */
  initial?: Values;
  /** Told of every change, for what the page shows beside the form (an eligibility explanation). */
  onValues?: (values: Values) => void;
  children?: ReactNode;
}

/**
 * A form described as data: its fields checked before sending; the API's refusal shown at the field it names, or
 * above the button when it refuses the whole request.
 */
export function DataForm({ id: formId, title, fields, submitLabel, send, initial, onValues, children }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const [values, setValues] = useState<Values>(initial ?? {});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const set = (path: string, value: string | string[]) => {
    setValues((v) => ({ ...v, [path]: value }));
    // A field changed is no longer the one refused: its message goes until the next submit says otherwise.
    setErrors(({ [path]: _changed, ...others }) => others);
  };
  useEffect(() => onValues?.(values), [values, onValues]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const invalid = validate(fields, values);
    setErrors(Object.fromEntries(Object.entries(invalid).map(([path, [key, args]]) => [path, t(key, { ...args })])));
    setRefusal([]);
    if (Object.keys(invalid).length) return;
    setBusy(true);
    const result = await send(values).finally(() => setBusy(false));
    if (result.ok) setValues(initial ?? {});
    else showRefusal(result.refusal);
  }

  function showRefusal({ status, messages }: ApiRefusal) {
    const known = paths(fields, values);
    const atFields: Record<string, string> = {};
    const general: string[] = [];
    for (const message of messages) {
      const field = fieldOf(message, known);
      if (field) atFields[field.path] = field.text;
      else general.push(message);
    }
    setErrors(atFields);
    setRefusal(general.length || Object.keys(atFields).length ? general : [t('form.refused', { status })]);
  }

  // `segments.1.from` is labelled `from`, `escort.kind` `escort_kind`; a field may bring its own label (a survey's
  // question), else a survey's question is labelled by its id.
  const named = (path: string, field?: FieldDef) =>
    (field && 'label' in field && field.label) ||
    t(`fields.${path.replace(/^.*\.\d+\./, '').replaceAll('.', '_')}`, { defaultValue: path.replace(/^.*\./, '') });
  // A time is typed as the browser's clock reads it: the label says whose clock that is.
  const label = (path: string, field?: FieldDef) =>
    field?.kind === 'datetime'
      ? `${named(path, field)} (${t('form.timeZone', { zone: Intl.DateTimeFormat().resolvedOptions().timeZone })})`
      : named(path, field);
  const describedBy = (path: string) => (errors[path] ? `${formId}-${path}-error` : undefined);

  function input(field: FieldDef, path: string) {
    const id = `${formId}-${path}`;
    const error = errors[path] && (
      <p className="field-error" id={`${id}-error`} role="alert">
        {errors[path]}
      </p>
    );
    switch (field.kind) {
      case 'list': {
        const n = count(values, path, field.min);
        return (
          <fieldset key={path} className="list" aria-describedby={describedBy(path)}>
            <legend>{label(path)}</legend>
            {/* A refusal of the list as a whole (a plan over its ceiling), shown at the list it names. */}
            {error}
            {Array.from({ length: n }, (_, i) => (
              <fieldset key={i} className="item">
                <legend>{t('form.item', { n: i + 1 })}</legend>
                {field.of.map((sub) => input(sub, `${path}.${i}.${sub.name}`))}
              </fieldset>
            ))}
            {n < field.max && (
              <button type="button" onClick={() => set(`${path}.count`, String(n + 1))}>
                {t('form.add', { what: label(path) })}
              </button>
            )}
            {n > field.min && (
              <button type="button" onClick={() => set(`${path}.count`, String(n - 1))}>
                {t('form.removeLast')}
              </button>
            )}
          </fieldset>
        );
      }
      case 'multiselect':
        return (
          <fieldset key={path} aria-describedby={describedBy(path)}>
            <legend>{label(path)}</legend>
            {field.options.map((option) => (
              <label key={option} className="check">
                <input
                  type="checkbox"
                  checked={picked(values, path).includes(option)}
                  onChange={(e) =>
                    set(
                      path,
                      e.target.checked
                        ? [...picked(values, path), option]
                        : picked(values, path).filter((o) => o !== option),
                    )
                  }
                />
                {t(`${field.labels ?? 'options'}.${option}`, { defaultValue: option })}
              </label>
            ))}
            {error}
          </fieldset>
        );
      case 'select':
      case 'country':
        return (
          <div key={path} className="field">
            <label htmlFor={id}>{label(path)}</label>
            <select
              id={id}
              value={text(values, path)}
              aria-invalid={Boolean(errors[path])}
              aria-describedby={describedBy(path)}
              onChange={(e) => set(path, e.target.value)}
            >
              <option value="">{t('form.choose')}</option>
              {field.kind === 'country'
                ? countryCodes()
                    .map((code) => [code, format.country(code)])
                    .sort(([, a], [, b]) => a.localeCompare(b))
                    .map(([code, name]) => (
                      <option key={code} value={code}>
                        {name}
                      </option>
                    ))
                : (field.kind === 'select' ? field.options : []).map((option) => (
                    <option key={option} value={option}>
                      {t(`${field.kind === 'select' ? (field.labels ?? 'options') : 'options'}.${option}`, {
                        defaultValue: option,
                      })}
                    </option>
                  ))}
            </select>
            {error}
          </div>
        );
      case 'checkbox':
      case 'date':
      case 'datetime':
      case 'number':
      case 'text':
      case 'password':
      case 'textarea': {
        const props = {
          id,
          value: text(values, path),
          'aria-invalid': Boolean(errors[path]),
          'aria-describedby': describedBy(path),
          onChange: (e: { target: { value: string } }) => set(path, e.target.value),
        };
        const type = {
          date: 'date',
          datetime: 'datetime-local',
          number: 'number',
          text: 'text',
          password: 'password',
          textarea: '',
          checkbox: 'checkbox',
        }[field.kind];
        if (field.kind === 'checkbox') {
          return (
            <div key={path} className="field check">
              <input
                id={id}
                type="checkbox"
                checked={text(values, path) === 'true'}
                aria-invalid={Boolean(errors[path])}
                aria-describedby={describedBy(path)}
                onChange={(e) => set(path, String(e.target.checked))}
              />
              <label htmlFor={id}>{label(path)}</label>
              {error}
            </div>
          );
        }
        return (
          <div key={path} className="field">
            <label htmlFor={id}>{label(path, field)}</label>
            {field.kind === 'textarea' ? (
              <textarea {...props} rows={3} />
            ) : (
              <input
                {...props}
                type={type}
                step={field.kind === 'number' ? '0.01' : undefined}
                min={'min' in field ? field.min : undefined}
                max={'max' in field ? field.max : undefined}
              />
            )}
            {error}
          </div>
        );
      }
    }
  }

  return (
    <form className="step" aria-labelledby={`${formId}-title`} onSubmit={(e) => void submit(e)} noValidate>
      <h3 id={`${formId}-title`}>{title}</h3>
      {fields.map((field) => input(field, field.name))}
      {children}
      <Refusals messages={refusal} />
      <button type="submit" disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}
