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
