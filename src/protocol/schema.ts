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

/** Checks `obj` against `shape`; unknown extra fields are allowed only when listed in `allow`. */
export function checkShape(obj: Record<string, unknown>, shape: Shape, allow: readonly string[] = []): Check {
  for (const [rawName, type] of Object.entries(shape)) {
    const optional = rawName.endsWith('?');
    const name = optional ? rawName.slice(0, -1) : rawName;
    const v = obj[name];
    if (v === undefined) {
      if (optional) continue;
      return { ok: false, error: `missing field "${name}"` };
    }
    if (!isType(v, type)) return { ok: false, error: `field "${name}" is not ${typeof type === 'object' ? type.enum.join('|') : type}` };
  }
  const known = new Set(Object.keys(shape).map((k) => k.replace(/\?$/, '')).concat(allow));
  for (const k of Object.keys(obj)) {
    if (!known.has(k)) return { ok: false, error: `unknown field "${k}"` };
  }
  return { ok: true };
}
