/** Readable one-line renderings of JSON Schema (as produced by z.toJSONSchema) for option tables. */
export type JsonSchema = Record<string, unknown>;

/** zod marks integers with ±MAX_SAFE_INTEGER bounds: those are not limits worth showing. */
const shown = (limit: unknown) => (typeof limit === 'number' && Math.abs(limit) >= Number.MAX_SAFE_INTEGER ? undefined : limit);

/** ">= 0, <= 1", "> 0", or ''. */
function bounds(min: unknown, exclusiveMin: unknown, max: unknown, exclusiveMax: unknown): string {
  const lo = shown(exclusiveMin) !== undefined ? `> ${String(exclusiveMin)}` : shown(min) !== undefined ? `>= ${String(min)}` : '';
  const hi = shown(exclusiveMax) !== undefined ? `< ${String(exclusiveMax)}` : shown(max) !== undefined ? `<= ${String(max)}` : '';
  return [lo, hi].filter(Boolean).join(', ');
}

const numberBounds = (schema: JsonSchema) => bounds(schema.minimum, schema.exclusiveMinimum, schema.maximum, schema.exclusiveMaximum);
const isNumeric = (schema: JsonSchema) => schema.type === 'number' || schema.type === 'integer';

/** "[number, number] each >= 0, <= 1" when the items share their bounds, else each item in full. */
function tupleType(items: JsonSchema[]): string {
  const limits = items.map((item) => (isNumeric(item) ? numberBounds(item) : ''));
  if (items.every(isNumeric) && limits.every((l) => l === limits[0])) {
    return `[${items.map((item) => String(item.type)).join(', ')}]${limits[0] ? ` each ${limits[0]}` : ''}`;
  }
  return `[${items.map(schemaType).join('; ')}]`;
}

/** "number >= 0, <= 1", "'batch' | 'elem'", "array of { name, weight, options? } (items >= 1)", "[number, number] each > 0"... */
export function schemaType(schema: JsonSchema | undefined): string {
  if (!schema || typeof schema !== 'object') return 'any';
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v).replace(/^"(.*)"$/, "'$1'")).join(' | ');
  if ('const' in schema) return JSON.stringify(schema.const);
  const union = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(union)) return union.map(schemaType).join(' | ');
  const type = schema.type;
  if (isNumeric(schema)) {
    const limits = numberBounds(schema);
    return limits ? `${String(type)} ${limits}` : String(type);
  }
  if (type === 'array') {
    const items = schema.prefixItems as JsonSchema[] | undefined;
    if (Array.isArray(items)) return tupleType(items);
    const size = bounds(schema.minItems, undefined, schema.maxItems, undefined);
    return `array of ${schemaType(schema.items as JsonSchema)}${size ? ` (items ${size})` : ''}`;
  }
  if (type === 'object') {
    const properties = schema.properties as Record<string, JsonSchema> | undefined;
    if (!properties) return 'object';
    const required = new Set((schema.required as string[] | undefined) ?? []);
    return `{ ${Object.keys(properties).map((k) => (required.has(k) ? k : `${k}?`)).join(', ')} }`;
  }
  if (Array.isArray(type)) return type.join(' | ');
  return typeof type === 'string' ? type : 'any';
}

/** One row per option: name, default (or "(required)"), type / allowed values, description. */
export function optionRows(schema: JsonSchema): string[][] {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, property]) => [
    name,
    'default' in property ? JSON.stringify(property.default) : required.has(name) ? '(required)' : '-',
    schemaType(property),
    typeof property.description === 'string' ? property.description : '',
  ]);
}
