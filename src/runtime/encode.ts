/**
 * Values that cross process boundaries (Process args, queue items) are JSON, except the
 * primitives themselves, which travel as references `{ $cl, ref, … }` and come back as handles
 * to the same Lock / Queue / file, as Python pickles them for a child.
 */
import type { Json } from '../protocol/events';

/** Implemented by the primitives that may be passed to another process. */
export interface Shareable {
  toWire(): { $cl: string; ref: string; [k: string]: Json };
}

type Factory = (wire: Record<string, Json>) => unknown;
const factories = new Map<string, Factory>();

/** Called by each primitive's module so decoding can rebuild its handles. */
export function registerShareable(cl: string, make: Factory): void {
  factories.set(cl, make);
}

function isShareable(v: object): v is Shareable {
  return typeof (v as Shareable).toWire === 'function';
}

/** Turns a lab value into JSON, primitives into references. Throws TypeError for what cannot travel. */
export function encodeValue(v: unknown, depth = 0): Json {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number':
      return Number.isFinite(v) ? v : null;
    case 'object':
      break;
    default:
      throw new TypeError(
        `a ${typeof v} cannot be passed to another process (only JSON values, Lock, Queue, JoinableQueue and sharedJson files)`,
      );
  }
  if (depth > 60) throw new TypeError('the value is nested too deeply to pass to another process');
  const o = v as object;
  if (Array.isArray(o)) return o.map((x) => encodeValue(x, depth + 1));
  if (isShareable(o)) return o.toWire();
  if (typeof (o as { toJSON?: unknown }).toJSON === 'function')
    return encodeValue((o as { toJSON(): unknown }).toJSON(), depth + 1);
  const proto = Object.getPrototypeOf(o);
  if (proto !== Object.prototype && proto !== null) {
    throw new TypeError(
      `a ${proto?.constructor?.name ?? 'object'} cannot be passed to another process`,
    );
  }
  const out: Record<string, Json> = {};
  for (const k of Object.keys(o)) {
    const x = (o as Record<string, unknown>)[k];
    if (x !== undefined) out[k] = encodeValue(x, depth + 1);
  }
  return out;
}

/** The inverse of `encodeValue`; rebuilds handles in place (the JSON is fresh from IPC). */
export function decodeValue(v: Json): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = decodeValue(v[i]) as Json;
    return v;
  }
  if (typeof v.$cl === 'string' && typeof v.ref === 'string') {
    const make = factories.get(v.$cl);
    if (make) return make(v);
  }
  for (const k of Object.keys(v)) v[k] = decodeValue(v[k]) as Json;
  return v;
}
