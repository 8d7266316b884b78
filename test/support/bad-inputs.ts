import fc from 'fast-check';

/** The parts of an OpenAPI 3 document the sweep reads. */
export interface Schema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  example?: unknown;
  format?: string;
  nullable?: boolean;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, Schema> };
}
interface OpenApiOperation {
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

export interface WriteEndpoint {
  method: string;
  path: string;
  pathParams: string[];
  body: Schema | null;
}

/** Every write the document describes, with its body's schema. */
export function writeEndpoints(document: OpenApiDocument): WriteEndpoint[] {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([method]) => ['post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        pathParams: (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
        body: operation.requestBody?.content['application/json']?.schema ?? null,
      })),
  );
}

export function resolve(document: OpenApiDocument, schema: Schema): Schema {
  if (schema.$ref) return resolve(document, document.components.schemas[schema.$ref.split('/').pop()!]);
  if (schema.allOf?.length === 1) return resolve(document, schema.allOf[0]);
  return schema;
}

/** A valid value built from the schema's examples and enums (the document is expected to give them). */
export function exampleOf(document: OpenApiDocument, given: Schema, path = 'body'): unknown {
  const schema = resolve(document, given);
  if (schema.example !== undefined) return structuredClone(schema.example);
  if (schema.enum) return schema.type === 'array' ? [schema.enum[0]] : schema.enum[0];
  if (schema.type === 'object' || schema.properties) {
    // Optional fields too where the document shows how they look, so the sweep reaches inside them.
    return Object.fromEntries(
      Object.entries(schema.properties ?? {}).flatMap(([name, property]) => {
        if (schema.required?.includes(name)) return [[name, exampleOf(document, property, `${path}.${name}`)]];
        try {
          return [[name, exampleOf(document, property, `${path}.${name}`)]];
        } catch {
          return [];
        }
      }),
    );
  }
  if (schema.type === 'array') return [exampleOf(document, schema.items ?? {}, `${path}[0]`)];
  if (schema.type === 'boolean') return false;
  if (schema.type === 'number' || schema.type === 'integer') return 1;
  throw new Error(`the OpenAPI document gives no example for ${path}`);
}

/** One field of a body, where the sweep puts a bad value. */
export interface Field {
  path: (string | number)[];
  schema: Schema;
  required: boolean;
}

/**
 * Every field of the body, nested objects and the first element of lists included. A nested type met again (a
 * policy has six partner steps of one type) is swept as a whole there, its own fields only where first met:
 * the same rules, checked once, keep the sweep within a minute or two.
 */
export function fieldsOf(
  document: OpenApiDocument,
  given: Schema,
  path: (string | number)[] = [],
  seen = new Set<string>(),
): Field[] {
  const schema = resolve(document, given);
  return Object.entries(schema.properties ?? {}).flatMap(([name, property]) => {
    const resolved = resolve(document, property);
    const here: Field = { path: [...path, name], schema: resolved, required: !!schema.required?.includes(name) };
    const nested = resolved.type === 'array' && resolved.items ? resolved.items : property;
    const type = refOf(nested);
    if (type && seen.has(type)) return [here];
    if (type) seen.add(type);
    const below =
      resolved.type === 'array' && resolved.items && resolve(document, resolved.items).properties
        ? fieldsOf(document, resolved.items, [...path, name, 0], seen)
        : resolved.properties
          ? fieldsOf(document, resolved, [...path, name], seen)
          : [];
    return [here, ...below];
  });
}

function refOf(schema: Schema): string | undefined {
  return schema.$ref ?? (schema.allOf?.length === 1 ? schema.allOf[0].$ref : undefined);
}

/** Values no field of the kind may take: wrong types, out of range, unprintable, oversized, hostile. */
export function badValuesFor(field: Field): { what: string; value: unknown }[] {
  const { schema } = field;
  const wrongTypes = [
    ...(schema.nullable ? [] : [{ what: 'null', value: null }]),
    { what: 'a list', value: [] },
    { what: 'an object', value: {} },
  ];
  const deep = { what: 'JSON nested 1000 deep', value: nested(1000) };
  if (schema.type === 'number' || schema.type === 'integer') {
    return [
      ...wrongTypes,
      { what: 'text', value: '12' },
      { what: 'a boolean', value: true },
      { what: '1e308', value: 1e308 },
      { what: '-1e308', value: -1e308 },
      { what: '1e12', value: 1e12 },
      { what: '-1e12', value: -1e12 },
    ];
  }
  if (schema.type === 'boolean') return [...wrongTypes, { what: 'text', value: 'yes' }, { what: 'a number', value: 1 }];
  if (schema.type === 'array') {
    const element = schema.items?.type === 'string' || schema.items?.enum ? 'NOT A VALID ITEM \u0000' : 42;
    return [
      ...wrongTypes.filter((w) => w.what !== 'a list'),
      { what: 'text', value: 'x' },
      { what: 'a bad element', value: [element] },
      { what: '1000 elements', value: Array.from({ length: 1000 }, () => element) },
      deep,
    ];
  }
  if (schema.type === 'object' || schema.properties) {
    return [...wrongTypes.filter((w) => w.what !== 'an object'), { what: 'text', value: 'x' }, deep];
  }
  const example = String(schema.example ?? schema.enum?.[0] ?? 'x');
  const text = [
    ...wrongTypes,
    { what: 'a number', value: 7 },
    { what: 'a NUL byte', value: `${example}\u0000` },
    { what: '5000 characters', value: example.repeat(Math.ceil(5000 / example.length)) },
    { what: 'a bidi override', value: `\u202e${example}` },
    { what: 'a zero-width space', value: `${example}\u200b` },
    { what: 'a line break', value: `${example}\r\nBcc: x@example.org` },
    { what: 'zero-width characters only', value: '\u200b\u200b' },
    { what: 'whitespace only', value: '   ' },
    // A date (or a time) that is not one: every check after its own rule would read it as a real day.
    ...(/^\d{4}-\d{2}-\d{2}/.test(example)
      ? [
          { what: 'month 13', value: example.replace(/^(\d{4})-\d{2}/, '$1-13') },
          { what: 'month 00', value: example.replace(/^(\d{4})-\d{2}/, '$1-00') },
          { what: 'day 32', value: example.replace(/^(\d{4}-\d{2})-\d{2}/, '$1-32') },
          { what: '30 February', value: example.replace(/^(\d{4})-\d{2}-\d{2}/, '$1-02-30') },
        ]
      : []),
  ];
  // A note (or a reason staff give) is kept for staff and may run over several lines.
  if (/note|reason/i.test(String(field.path[field.path.length - 1])))
    return text.filter((t) => t.what !== 'a line break');
  if (isFreeText(field)) return text;
  return [
    ...text,
    { what: 'SQL injection', value: `${example}' OR '1'='1` },
    { what: 'markup', value: '<script>alert(1)</script>' },
    { what: 'a path', value: '../../etc/passwd' },
    ...(/[A-Za-z]/.test(example)
      ? [{ what: 'look-alike letters', value: example.replace(/[A-Za-z]/g, (c) => fullWidth(c)) }]
      : []),
  ];
}

/** Text a person writes freely (names, notes): quotes and markup are legitimate there, so only its shape is bad. */
const FREE_TEXT =
  /name|city|description|note|reason|vendorCategory|password|username|version|documentRef|invoiceRef|^text$/i;
function isFreeText(field: Field): boolean {
  const name = String(field.path[field.path.length - 1]);
  return FREE_TEXT.test(name) && !field.schema.enum;
}

export function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/** A copy of `body` with the field at `path` set to `value`, or removed where `value` is `REMOVE`. */
export const REMOVE = Symbol('remove');
export function withField(body: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (value === REMOVE) delete parent[last];
  else parent[last] = value;
  return copy;
}

/**
 * Random text with something no field takes hidden at a random place: a control character, a bidi control, a
 * zero-width space, a soft hyphen, a blank filler or half a character. fast-check generates these beyond the fixed
 * list above.
 */
export const hiddenCharacterText = fc
  .tuple(
    fc.string({ minLength: 1, maxLength: 20, unit: 'grapheme-ascii' }),
    fc.constantFrom(
      ...['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u202e', '\u2066', '\u200b', '\ufeff', '\u2028'],
      ...['\u00ad', '\u3164', '\u2800', '\ud800'],
    ),
    fc.nat(),
  )
  .map(([text, hidden, at]) => {
    const i = at % (text.length + 1);
    return `A${text.slice(0, i)}${hidden}${text.slice(i)}`;
  });

/** Numbers past any bound a field has (amounts, weights, follow-ups all stay far below a billion). */
export const outOfRangeNumber = fc.oneof(
  fc.double({ min: 1e9, max: 1e308, noNaN: true }),
  fc.double({ min: -1e308, max: -1e9, noNaN: true }),
);

/** The full-width form of an ASCII letter: looks the same, is another character. */
const fullWidth = (c: string) => String.fromCharCode(c.charCodeAt(0) + 0xfee0);
