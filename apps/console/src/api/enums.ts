import document from './openapi.json';

interface PropertySchema {
  enum?: string[];
  items?: { enum?: string[] };
}
const schemas = (document as unknown as { components: { schemas: Record<string, { properties?: object }> } }).components
  .schemas;

/**
 * The values the API accepts for a property, read from its OpenAPI document: the console's choices are the API's,
 * and regenerating the document after an API change updates them.
 */
export function enumOf(schema: string, property: string): string[] {
  const found = (schemas[schema]?.properties as Record<string, PropertySchema> | undefined)?.[property];
  const values = found?.enum ?? found?.items?.enum;
  if (!values) throw new Error(`the API document has no enum at ${schema}.${property}`);
  return values;
}

/** The values the API accepts for a query parameter of a GET route, read from its OpenAPI document. */
export function queryEnumOf(path: string, name: string): string[] {
  const parameters = (
    document as unknown as {
      paths: Record<string, { get?: { parameters?: { name: string; schema?: { enum?: string[] } }[] } }>;
    }
  ).paths[path]?.get?.parameters;
  const values = parameters?.find((parameter) => parameter.name === name)?.schema?.enum;
  if (!values) throw new Error(`the API document has no enum for GET ${path}?${name}`);
  return values;
}
