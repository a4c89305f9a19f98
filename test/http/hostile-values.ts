/*
 * Values for the hostile-input test, derived from a route's own JSON schema (TypeBox): one that fits, so a
 * request gets past validation into the handler, and for each field a handful that break it in the ways
 * people and scripts do (too long, wrong type, wrong shape, control characters, markup, path tricks).
 */

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  const?: unknown;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  patternProperties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
}

const long = 'x'.repeat(20_000);
/** What any text field may receive from a hostile sender. */
export const hostileStrings = ['', long, '\u0000', '<script>alert(1)</script>', "'; drop table users; --", '../../etc/passwd', '%E0%A4%A', '{{constructor}}', '\u202Eevil', '-1'];
/** What an address parameter may carry (already percent-encoded where the router would see it). */
export const hostileParams = ['3f2504e0-4f89-11d3-9a0c-0305e82c3301', 'nicht-da', '%E0%A4%A', "'or'1'='1", 'x'.repeat(300), '..%2F..%2Fetc%2Fpasswd'];

const byFormat: Record<string, string> = {
  uuid: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
  email: 'ada@example.org',
  date: '2026-12-01',
  'date-time': '2026-12-01T09:30:00Z',
  uri: 'https://erkelenz.example/',
};

/** Tried in turn against a pattern: a value of the usual kind for the field names the platform uses. */
const patternCandidates = ['abc', 'a1', 'x-1', '41812', '1', '2026-12-01', '09:30', 'DE', 'de', '/leistungen', 'a', '99000000000000', 'ABC123'];

function variants(schema: JsonSchema): JsonSchema[] {
  return schema.anyOf ?? schema.oneOf ?? [schema];
}

/** The JSON type a schema asks for; '' when it names none. */
function typeOf(schema: JsonSchema): string {
  const first = variants(schema)[0] ?? schema;
  if (first.const !== undefined) return typeof first.const;
  const type = Array.isArray(first.type) ? first.type[0] : first.type;
  return type ?? (first.properties ? 'object' : '');
}

/** A value that fits the schema as far as a generic reading can tell. */
export function sampleOf(schema: JsonSchema | undefined): unknown {
  if (!schema) return 'Erkelenz';
  const first = variants(schema)[0] ?? schema;
  if (first.const !== undefined) return first.const;
  if (first.enum) return first.enum[0];
  switch (typeOf(first)) {
    case 'object':
      return Object.fromEntries(Object.entries(first.properties ?? {}).map(([name, property]) => [name, sampleOf(property)]));
    case 'array':
      return Array.from({ length: Math.max(1, first.minItems ?? 1) }, () => sampleOf(first.items));
    case 'integer':
    case 'number':
      return first.minimum ?? 1;
    case 'boolean':
      return true;
    default:
      return stringSample(first);
  }
}

function stringSample(schema: JsonSchema): string {
  const fitsLength = (value: string) => value.length >= (schema.minLength ?? 0) && value.length <= (schema.maxLength ?? Infinity);
  if (schema.format && byFormat[schema.format]) return byFormat[schema.format]!;
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern, 'u');
    const found = patternCandidates.find((candidate) => pattern.test(candidate) && fitsLength(candidate));
    if (found) return found;
  }
  const text = 'Erkelenz';
  if (fitsLength(text)) return text;
  return 'x'.repeat(Math.min(schema.maxLength ?? 1, Math.max(1, schema.minLength ?? 1)));
}

/** Values that break the field, the likeliest trouble first: the wrong type, the wrong shape, the hostile strings. */
export function hostileFor(schema: JsonSchema | undefined): unknown[] {
  const type = schema ? typeOf(schema) : '';
  switch (type) {
    case 'object':
      // Parsed rather than written: a literal would set the prototype instead of sending the key.
      return ['kein-objekt', [], JSON.parse('{"__proto__": {"admin": true}, "constructor": {"prototype": {"admin": true}}}'), null];
    case 'array':
      return ['kein-array', Array.from({ length: 2000 }, () => long.slice(0, 50)), [null], [{ nested: long }]];
    case 'integer':
    case 'number':
      return ['NaN', -1, 1e308, '1e309', '12abc', 2 ** 63, ''];
    case 'boolean':
      return ['vielleicht', 2, ''];
    default:
      return [hostileStrings[0], hostileStrings[1], hostileStrings[2], 12, null, ['a', 'b'], { nested: 'x' }, ...hostileStrings.slice(3), true];
  }
}

/** The fields a body or query schema names, each with its schema. */
export function fieldsOf(schema: JsonSchema | undefined): [string, JsonSchema][] {
  return Object.entries(schema?.properties ?? {});
}

/** A value as a form field carries it: text; objects and lists as the JSON text a script would send. */
export function asFormValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value === null || value === undefined ? '' : JSON.stringify(value);
}

/** Fills a URL pattern's parameters (`:id`, `*`) with one value. */
export function fillParams(url: string, value: string): string {
  return url.replace(/:[A-Za-z]+/g, value.startsWith('%') || value.includes('%2F') ? value : encodeURIComponent(value)).replace('*', encodeURIComponent(value));
}
