/**
 * The protocol's one schema language. Every message shape is written once, as a constant of
 * `FieldType`s; from it come the TypeScript type (`ShapeValue`, in `shapeTypes.ts`), the runtime
 * check (compiled here, once per shape) and the JSON Schema (`jsonSchema.ts`). Checks are closures,
 * never `eval`: the webview's CSP forbids it and the same code runs there.
 */

export type FieldType =
  | 'int'
  | 'uint'
  | 'num'
  | 'str'
  | 'bool'
  | 'json'
  | 'json[]'
  | 'localized'
  | 'int[]'
  | 'int|null'
  | 'num|bool'
  | 'true'
  | 'false'
  | 'any'
  | { readonly enum: readonly string[] }
  | { readonly object: Shape };

/** Field name → type; a name ending in `?` is optional. */
export type Shape = { readonly [name: string]: FieldType };

export type Check = { ok: true } | { ok: false; error: string };

export const OK: Check = Object.freeze({ ok: true }) as Check;

/** How deep a JSON value may nest. */
export const MAX_JSON_DEPTH = 64;

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
      const record = x as Record<string, unknown>;
      for (const key in record)
        if (Object.prototype.hasOwnProperty.call(record, key) && !isJson(record[key], depth + 1))
          return false;
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

/** What a family of shapes allows beyond its field types. */
export interface CompileOptions {
  /** Longest text a `str` field may hold (untrusted input is bounded); no bound when absent. */
  maxTextChars?: number;
}

const isInt: FieldTest = (v) => Number.isSafeInteger(v);
const isUint: FieldTest = (v) => Number.isSafeInteger(v) && (v as number) >= 0;
const isIntArray: FieldTest = (v) => {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (!Number.isSafeInteger(v[i])) return false;
  return true;
};

/** The test for one field type, built once. */
export function fieldTest(type: FieldType, options: CompileOptions = {}): FieldTest {
  if (typeof type === 'object') {
    if ('enum' in type) {
      const values = new Set(type.enum);
      return (v) => typeof v === 'string' && values.has(v);
    }
    const nested = compileShape(type.object, options);
    return (v) => isRecord(v) && shapeError(v, nested) === null;
  }
  switch (type) {
    case 'int':
      return isInt;
    case 'uint':
      return isUint;
    case 'num':
      return (v) => typeof v === 'number' && Number.isFinite(v);
    case 'str': {
      const most = options.maxTextChars;
      return most === undefined
        ? (v) => typeof v === 'string'
        : (v) => typeof v === 'string' && v.length <= most;
    }
    case 'bool':
      return (v) => typeof v === 'boolean';
    case 'json':
      return (v) => isJson(v);
    case 'json[]':
      return (v) => Array.isArray(v) && isJson(v);
    case 'localized':
      return (v) => isRecord(v) && typeof v.en === 'string' && typeof v['zh-CN'] === 'string';
    case 'int[]':
      return isIntArray;
    case 'int|null':
      return (v) => v === null || Number.isSafeInteger(v);
    case 'num|bool':
      return (v) => typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
    case 'true':
      return (v) => v === true;
    case 'false':
      return (v) => v === false;
    case 'any':
      return () => true;
  }
}

/** A field type as error messages name it. */
export function typeName(type: FieldType): string {
  if (typeof type === 'string') return type;
  return 'enum' in type ? type.enum.join('|') : 'an object of its shape';
}

export interface CompiledField {
  name: string;
  optional: boolean;
  test: FieldTest;
  type: FieldType;
}

export interface CompiledShape {
  fields: readonly CompiledField[];
  /** Every field name the shape has. */
  known: ReadonlySet<string>;
}

/** Parses a shape's field names and builds its tests: done once per shape, where it is defined. */
export function compileShape(shape: Shape, options: CompileOptions = {}): CompiledShape {
  const fields = Object.entries(shape).map(([rawName, type]) => {
    const optional = rawName.endsWith('?');
    return {
      name: optional ? rawName.slice(0, -1) : rawName,
      optional,
      test: fieldTest(type, options),
      type,
    };
  });
  return { fields, known: new Set(fields.map((f) => f.name)) };
}

/** The first problem of `obj` against compiled `fields`, or null. A field set to `undefined` counts as absent. */
export function fieldsError(
  obj: Record<string, unknown>,
  fields: readonly CompiledField[],
): string | null {
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    const v = obj[field.name];
    if (v === undefined) {
      if (field.optional) continue;
      return `missing field "${field.name}"`;
    }
    if (!field.test(v)) return `field "${field.name}" is not ${typeName(field.type)}`;
  }
  return null;
}

/** The first problem of `obj` against a compiled shape (a field it does not have included), or null. */
export function shapeError(obj: Record<string, unknown>, shape: CompiledShape): string | null {
  const error = fieldsError(obj, shape.fields);
  if (error) return error;
  for (const key in obj) {
    if (Object.prototype.hasOwnProperty.call(obj, key) && !shape.known.has(key))
      return `unknown field "${key.slice(0, 40)}"`;
  }
  return null;
}

/** Checks `obj` against a compiled shape. */
export function checkShape(obj: Record<string, unknown>, shape: CompiledShape): Check {
  const error = shapeError(obj, shape);
  return error === null ? OK : { ok: false, error };
}
