/** Readable one-line renderings of JSON Schema (as produced by z.toJSONSchema) for option tables. */
export type JsonSchema = Record<string, unknown>;

const bound = (min: unknown, exclusiveMin: unknown, max: unknown, exclusiveMax: unknown): string => {
  const lo = exclusiveMin !== undefined ? `> ${String(exclusiveMin)}` : min !== undefined ? `>= ${String(min)}` : '';
  const hi = exclusiveMax !== undefined ? `< ${String(exclusiveMax)}` : max !== undefined ? `<= ${String(max)}` : '';
  return [lo, hi].filter(Boolean).join(', ');
};

/** "number >= 0, <= 1", "'batch' | 'elem'", "array of { name, weight, options? } (min 1)", "[number, number]"... */
export function schemaType(schema: JsonSchema | undefined): string {
  if (!schema || typeof schema !== 'object') return 'any';
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v).replace(/^"(.*)"$/, "'$1'")).join(' | ');
  if ('const' in schema) return JSON.stringify(schema.const);
  const union = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(union)) return union.map(schemaType).join(' | ');
  const type = schema.type;
  if (type === 'number' || type === 'integer') {
    const limits = bound(schema.minimum, schema.exclusiveMinimum, schema.maximum, schema.exclusiveMaximum);
    return limits ? `${type} ${limits}` : type;
  }
  if (type === 'array') {
    const items = schema.prefixItems as JsonSchema[] | undefined;
    if (Array.isArray(items)) return `[${items.map(schemaType).join(', ')}]`;
    const size = bound(schema.minItems, undefined, schema.maxItems, undefined);
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
