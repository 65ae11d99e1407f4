/**
 * A small JSON Schema (2020-12) validator for the keywords the protocol's schema uses: `$ref` to
 * `#/$defs/…`, `type`, `const`, `enum`, `properties`, `required`, `additionalProperties: false`,
 * `items`, `minItems`, `minimum`, `maximum`, `maxLength`, `oneOf`. It fails loudly on a keyword it
 * does not know, so the schema cannot grow a rule these tests silently skip.
 */
type Schema = { [key: string]: unknown };

const KNOWN = new Set([
  '$ref',
  'type',
  'const',
  'enum',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'minItems',
  'minimum',
  'maximum',
  'maxLength',
  'oneOf',
  'description',
]);

function typeOf(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'array';
  if (typeof x === 'number') return Number.isInteger(x) ? 'integer' : 'number';
  return typeof x;
}

function hasType(x: unknown, type: string): boolean {
  const actual = typeOf(x);
  return actual === type || (type === 'number' && actual === 'integer');
}

/** The problems of `value` against `schema` (empty when it is valid), each with its JSON path. */
export function schemaErrors(root: Schema, schema: Schema, value: unknown, path = '$'): string[] {
  for (const key of Object.keys(schema))
    if (!KNOWN.has(key)) throw new Error(`the test validator does not know "${key}"`);
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/$defs/', '');
    const target = (root.$defs as Record<string, Schema>)[name];
    if (!target) throw new Error(`no $defs entry ${name}`);
    return schemaErrors(root, target, value, path);
  }
  const errors: string[] = [];
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((t) => hasType(value, t as string)))
      return [`${path}: ${typeOf(value)} is not ${types.join('|')}`];
  }
  if ('const' in schema && value !== schema.const) errors.push(`${path}: is not ${schema.const}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value))
    errors.push(`${path}: not one of ${schema.enum.join(', ')}`);
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum)
      errors.push(`${path}: below ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum)
      errors.push(`${path}: above ${schema.maximum}`);
  }
  if (typeof value === 'string' && typeof schema.maxLength === 'number')
    if ([...value].length > schema.maxLength)
      errors.push(`${path}: longer than ${schema.maxLength}`);
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems)
      errors.push(`${path}: fewer than ${schema.minItems} items`);
    if (schema.items)
      value.forEach((v, i) =>
        errors.push(...schemaErrors(root, schema.items as Schema, v, `${path}[${i}]`)),
      );
  }
  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const name of (schema.required ?? []) as string[])
      if (!(name in obj)) errors.push(`${path}: missing ${name}`);
    for (const [name, v] of Object.entries(obj)) {
      if (properties[name])
        errors.push(...schemaErrors(root, properties[name], v, `${path}.${name}`));
      else if (schema.additionalProperties === false) errors.push(`${path}: unknown ${name}`);
    }
  }
  if (Array.isArray(schema.oneOf)) {
    const passing = schema.oneOf.filter(
      (s) => schemaErrors(root, s as Schema, value, path).length === 0,
    ).length;
    if (passing !== 1) errors.push(`${path}: matches ${passing} of oneOf, not exactly 1`);
  }
  return errors;
}
