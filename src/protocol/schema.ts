/**
 * A tiny runtime schema language, so every boundary can check messages against
 * the one protocol definition without a dependency.
 */

export type FieldType =
  | 'int' | 'uint' | 'num' | 'str' | 'bool' | 'json' | 'localized' | 'int[]' | 'any'
  | 'int|null' | { enum: readonly string[] };

/** Field name → type; a name ending in `?` is optional. */
export type Shape = Record<string, FieldType>;

export type Check = { ok: true } | { ok: false; error: string };

const MAX_JSON_DEPTH = 64;

export function isJson(x: unknown, depth = 0): boolean {
  if (depth > MAX_JSON_DEPTH) return false;
  if (x === null) return true;
  switch (typeof x) {
    case 'boolean': case 'string': return true;
    case 'number': return Number.isFinite(x);
    case 'object':
      if (Array.isArray(x)) return x.every((v) => isJson(v, depth + 1));
      if (Object.getPrototypeOf(x) !== Object.prototype && Object.getPrototypeOf(x) !== null) return false;
      return Object.values(x as object).every((v) => isJson(v, depth + 1));
    default: return false;
  }
}

function isType(v: unknown, type: FieldType): boolean {
  if (typeof type === 'object') return typeof v === 'string' && type.enum.includes(v);
  switch (type) {
    case 'int': return Number.isSafeInteger(v);
    case 'uint': return Number.isSafeInteger(v) && (v as number) >= 0;
    case 'num': return typeof v === 'number' && Number.isFinite(v);
    case 'str': return typeof v === 'string';
    case 'bool': return typeof v === 'boolean';
    case 'json': return isJson(v);
    case 'localized': return isRecord(v) && typeof v.en === 'string' && typeof v['zh-CN'] === 'string';
    case 'int[]': return Array.isArray(v) && v.every((n) => Number.isSafeInteger(n));
    case 'int|null': return v === null || Number.isSafeInteger(v);
    case 'any': return true;
  }
}

export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

interface CompiledShape {
  fields: { name: string; optional: boolean; type: FieldType }[];
  known: Set<string>;
}

// Shapes are module constants checked once per event on hot paths (the runner, the extension
// host): parse their field names once instead of on every call.
const compiled = new WeakMap<Shape, CompiledShape>();

function compile(shape: Shape): CompiledShape {
  let c = compiled.get(shape);
  if (!c) {
    const fields = Object.entries(shape).map(([rawName, type]) => {
      const optional = rawName.endsWith('?');
      return { name: optional ? rawName.slice(0, -1) : rawName, optional, type };
    });
    c = { fields, known: new Set(fields.map((f) => f.name)) };
    compiled.set(shape, c);
  }
  return c;
}

/** Checks `obj` against `shape`; unknown extra fields are allowed only when listed in `allow`. */
export function checkShape(obj: Record<string, unknown>, shape: Shape, allow: readonly string[] = []): Check {
  const { fields, known } = compile(shape);
  for (const { name, optional, type } of fields) {
    const v = obj[name];
    if (v === undefined) {
      if (optional) continue;
      return { ok: false, error: `missing field "${name}"` };
    }
    if (!isType(v, type)) return { ok: false, error: `field "${name}" is not ${typeof type === 'object' ? type.enum.join('|') : type}` };
  }
  for (const k in obj) {
    if (Object.prototype.hasOwnProperty.call(obj, k) && !known.has(k) && !allow.includes(k)) return { ok: false, error: `unknown field "${k}"` };
  }
  return { ok: true };
}
