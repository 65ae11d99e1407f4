/**
 * A tiny runtime schema language, so every boundary can check messages against
 * the one protocol definition without a dependency. Shapes are compiled once into
 * closures (never `eval`: the webview's CSP forbids it and the same code runs there).
 */

export type FieldType =
  | 'int'
  | 'uint'
  | 'num'
  | 'str'
  | 'bool'
  | 'json'
  | 'localized'
  | 'int[]'
  | 'any'
  | 'int|null'
  | { enum: readonly string[] };

/** Field name → type; a name ending in `?` is optional. */
export type Shape = Record<string, FieldType>;

export type Check = { ok: true } | { ok: false; error: string };

export const OK: Check = Object.freeze({ ok: true }) as Check;

const MAX_JSON_DEPTH = 64;

/** A JSON value: finite numbers, plain objects and arrays, at most 64 levels deep. Allocates nothing. */
export function isJson(x: unknown, depth = 0): boolean {
  if (depth > MAX_JSON_DEPTH) return false;
  if (x === null) return true;
  switch (typeof x) {
    case 'boolean':
    case 'string':
      return true;
    case 'number':
      return Number.isFinite(x);
    case 'object': {
      if (Array.isArray(x)) {
        for (let i = 0; i < x.length; i++) if (!isJson(x[i], depth + 1)) return false;
        return true;
      }
      const proto = Object.getPrototypeOf(x);
      if (proto !== Object.prototype && proto !== null) return false;
      const o = x as Record<string, unknown>;
      for (const k in o)
        if (Object.prototype.hasOwnProperty.call(o, k) && !isJson(o[k], depth + 1)) return false;
      return true;
    }
    default:
      return false;
  }
}

export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export type FieldTest = (v: unknown) => boolean;

const isInt: FieldTest = (v) => Number.isSafeInteger(v);
const isUint: FieldTest = (v) => Number.isSafeInteger(v) && (v as number) >= 0;

/** The test for one field type, built once. */
export function fieldTest(type: FieldType): FieldTest {
  if (typeof type === 'object') {
    const values = new Set(type.enum);
    return (v) => typeof v === 'string' && values.has(v);
  }
  switch (type) {
    case 'int':
      return isInt;
    case 'uint':
      return isUint;
    case 'num':
      return (v) => typeof v === 'number' && Number.isFinite(v);
    case 'str':
      return (v) => typeof v === 'string';
    case 'bool':
      return (v) => typeof v === 'boolean';
    case 'json':
      return (v) => isJson(v);
    case 'localized':
      return (v) => isRecord(v) && typeof v.en === 'string' && typeof v['zh-CN'] === 'string';
    case 'int[]':
      return (v) => {
        if (!Array.isArray(v)) return false;
        for (let i = 0; i < v.length; i++) if (!Number.isSafeInteger(v[i])) return false;
        return true;
      };
    case 'int|null':
      return (v) => v === null || Number.isSafeInteger(v);
    case 'any':
      return () => true;
  }
}

export function typeName(type: FieldType): string {
  return typeof type === 'object' ? type.enum.join('|') : type;
}

export interface CompiledField {
  name: string;
  optional: boolean;
  test: FieldTest;
  type: FieldType;
}

export interface CompiledShape {
  fields: readonly CompiledField[];
  known: ReadonlySet<string>;
}

// Shapes are module constants checked on hot paths (the runner, the extension host, the
// webview): parse their field names and build their tests once, not on every call.
const compiled = new WeakMap<Shape, CompiledShape>();

export function compileShape(shape: Shape): CompiledShape {
  let c = compiled.get(shape);
  if (!c) {
    const fields = Object.entries(shape).map(([rawName, type]) => {
      const optional = rawName.endsWith('?');
      return {
        name: optional ? rawName.slice(0, -1) : rawName,
        optional,
        test: fieldTest(type),
        type,
      };
    });
    c = { fields, known: new Set(fields.map((f) => f.name)) };
    compiled.set(shape, c);
  }
  return c;
}

/** The first problem of `obj` against compiled `fields`, or null. A field set to `undefined` counts as absent. */
export function fieldsError(
  obj: Record<string, unknown>,
  fields: readonly CompiledField[],
): string | null {
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    const v = obj[f.name];
    if (v === undefined) {
      if (f.optional) continue;
      return `missing field "${f.name}"`;
    }
    if (!f.test(v)) return `field "${f.name}" is not ${typeName(f.type)}`;
  }
  return null;
}

/** Checks `obj` against `shape`; unknown extra fields are allowed only when listed in `allow`. */
export function checkShape(
  obj: Record<string, unknown>,
  shape: Shape,
  allow: readonly string[] = [],
): Check {
  const { fields, known } = compileShape(shape);
  const error = fieldsError(obj, fields);
  if (error) return { ok: false, error };
  for (const k in obj) {
    if (Object.prototype.hasOwnProperty.call(obj, k) && !known.has(k) && !allow.includes(k))
      return { ok: false, error: `unknown field "${k}"` };
  }
  return OK;
}
