/** A form field, described as data: the generic form (StepForm) renders, validates and reads it. */
export type FieldDef =
  | {
      name: string;
      kind: 'text' | 'password' | 'date' | 'datetime' | 'number' | 'textarea';
      required?: boolean;
      /** What the API accepts, checked before sending; `hint` names the rule in the field's error. */
      pattern?: RegExp;
      hint?: string;
      /** A label that comes with the data (a survey's question), shown as it is instead of a translated one. */
      label?: string;
      /** A number's range, which the input offers. */
      min?: number;
      max?: number;
    }
  | {
      name: string;
      kind: 'select' | 'multiselect';
      options: readonly string[];
      required?: boolean;
      /** Where the options' names are in the translations (`options` unless given). */
      labels?: string;
    }
  | { name: string; kind: 'country' | 'checkbox'; required?: boolean }
  | { name: string; kind: 'list'; of: FieldDef[]; min: number; max: number };

/** A form's values, by dotted path (`segments.1.from`); a list's length under `<name>.count`. */
export type Values = Record<string, string | string[]>;

export const text = (values: Values, path: string) => {
  const value = values[path];
  return typeof value === 'string' ? value : '';
};
export const picked = (values: Values, path: string) => {
  const value = values[path];
  return Array.isArray(value) ? value : [];
};
/** How many items a list field holds now: `min` until staff add or remove one. */
export const count = (values: Values, name: string, min: number) => Number(text(values, `${name}.count`) || min);

/** The items of a list field, each as a function reading its sub-fields. */
export function items(values: Values, name: string, min: number): ((field: string) => string)[] {
  return Array.from(
    { length: count(values, name, min) },
    (_, i) => (field: string) => text(values, `${name}.${i}.${field}`),
  );
}

/** A datetime-local input's value as ISO 8601 with its offset (the API wants the offset). */
export const isoDateTime = (local: string) => (local ? new Date(local).toISOString().replace(/\.\d{3}Z$/, 'Z') : '');

const VALID: Record<string, RegExp> = {
  date: /^\d{4}-\d{2}-\d{2}$/,
  number: /^-?\d+(\.\d{1,2})?$/,
};

/** What is wrong with each field before sending: the translation key and its values, by path. */
export function validate(fields: FieldDef[], values: Values, prefix = ''): Record<string, [string, object?]> {
  const errors: Record<string, [string, object?]> = {};
  for (const field of fields) {
    const path = `${prefix}${field.name}`;
    if (field.kind === 'list') {
      for (let i = 0; i < count(values, path, field.min); i++)
        Object.assign(errors, validate(field.of, values, `${path}.${i}.`));
      continue;
    }
    if (field.kind === 'multiselect') {
      if (field.required && picked(values, path).length === 0) errors[path] = ['form.pickOne'];
      continue;
    }
    const value = text(values, path).trim();
    // A box to tick before a step that cannot be undone: ticked, not merely touched.
    if (field.kind === 'checkbox') {
      if (field.required && value !== 'true') errors[path] = ['form.required'];
      continue;
    }
    if (!value) {
      if (field.required) errors[path] = ['form.required'];
      continue;
    }
    if (VALID[field.kind] && !VALID[field.kind].test(value)) errors[path] = ['form.invalid'];
    else if ('pattern' in field && field.pattern && !field.pattern.test(value)) {
      errors[path] = ['form.pattern', { hint: field.hint }];
    }
  }
  return errors;
}

/**
 * The field an API refusal names (its first word, with `segments[1].from` and `segments.1.from` alike), and the words to
 * show there. Answers undefined when the message names no field of the form (a refusal of the whole step).
 */
export function fieldOf(message: string, paths: string[]): { path: string; text: string } | undefined {
  const [first, ...rest] = message.split(' ');
  const named = first.replace(/\[(\d+)\]/g, '.$1');
  // At its own field the label names it: "segments[1].from must be IST" reads "must be IST" under flight 2's From.
  if (paths.includes(named) && rest.length) return { path: named, text: rest.join(' ') };
  const path = paths.find((path) => named.startsWith(`${path}.`));
  return path ? { path, text: message } : undefined;
}

/** Every path of the form's fields, for the current list lengths. */
export function paths(fields: FieldDef[], values: Values, prefix = ''): string[] {
  return fields.flatMap((field) => {
    const path = `${prefix}${field.name}`;
    if (field.kind !== 'list') return [path];
    const nested = Array.from({ length: count(values, path, field.min) }, (_, i) =>
      paths(field.of, values, `${path}.${i}.`),
    );
    return [path, ...nested.flat()];
  });
}
