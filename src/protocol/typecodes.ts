/**
 * The typecodes of `multiprocessing.Value` and `Array` (CPython's sharedctypes.typecode_to_type),
 * and how a value is stored in each, as ctypes does it: integers wrap around their width, a float
 * where an integer is wanted is a TypeError, 'f' rounds to single precision. One conversion, used
 * by the lab runtime (a constructor raises at once) and by the runner (whose input is untrusted).
 * A 'c' (bytes) value is a one-character string whose code is below 256; a 'u' one any character.
 */
import type { Json } from './shapeTypes';

interface IntCode {
  readonly bits: 8 | 16 | 32 | 64;
  readonly signed: boolean;
}

const INT_CODES: Readonly<Record<string, IntCode>> = {
  b: { bits: 8, signed: true },
  B: { bits: 8, signed: false },
  h: { bits: 16, signed: true },
  H: { bits: 16, signed: false },
  i: { bits: 32, signed: true },
  I: { bits: 32, signed: false },
  // A C long is 64 bits on the 64-bit Linux and macOS that CPython's tests run on.
  l: { bits: 64, signed: true },
  L: { bits: 64, signed: false },
  q: { bits: 64, signed: true },
  Q: { bits: 64, signed: false },
};

export const TYPECODES = [...Object.keys(INT_CODES), 'f', 'd', 'c', 'u'] as const;

/** A conversion that failed: the Python error to raise, and its message. */
export class TypecodeError extends Error {
  constructor(
    readonly pythonName: 'TypeError' | 'ValueError',
    message: string,
  ) {
    super(message);
  }
}

export function isTypecode(code: unknown): code is string {
  return typeof code === 'string' && (TYPECODES as readonly string[]).includes(code);
}

/** The zero of a typecode: what `Value(code)` and `Array(code, n)` start with. */
export function zeroOf(code: string): Json {
  return code === 'c' || code === 'u' ? '\u0000' : 0;
}

function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string') return 'str';
  if (typeof v === 'boolean') return 'bool';
  return Array.isArray(v) ? 'list' : typeof v;
}

/** `value` as `code` stores it, or a TypecodeError saying what CPython says. */
export function convertTo(code: string, value: unknown): Json {
  const int = INT_CODES[code];
  if (int) return wrapInteger(int, value);
  if (code === 'f' || code === 'd') {
    const n = typeof value === 'boolean' ? Number(value) : value;
    if (typeof n !== 'number')
      throw new TypecodeError('TypeError', `must be real number, not ${typeName(value)}`);
    return code === 'f' ? Math.fround(n) : n;
  }
  if (code === 'c') {
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 256)
      return String.fromCharCode(value);
    if (typeof value === 'string' && value.length === 1 && value.charCodeAt(0) < 256) return value;
    throw new TypecodeError('TypeError', 'one character bytes, bytearray or integer expected');
  }
  if (code === 'u') {
    if (typeof value !== 'string')
      throw new TypecodeError(
        'TypeError',
        `unicode string expected instead of ${typeName(value)} instance`,
      );
    if ([...value].length !== 1)
      throw new TypecodeError('TypeError', 'one character unicode string expected');
    return value;
  }
  throw new TypecodeError('TypeError', `this type has no size (typecode ${JSON.stringify(code)})`);
}

function wrapInteger({ bits, signed }: IntCode, value: unknown): number {
  const v = typeof value === 'boolean' ? Number(value) : value;
  if (typeof v !== 'number' || !Number.isInteger(v))
    throw new TypecodeError(
      'TypeError',
      `'${typeName(value)}' object cannot be interpreted as an integer`,
    );
  // As ctypes: the value is masked to the width, never an overflow error.
  const big = BigInt(v);
  return Number(signed ? BigInt.asIntN(bits, big) : BigInt.asUintN(bits, big));
}

/** Python's sequence index: negative counts from the end; null when out of range (IndexError). */
export function normalIndex(index: number, length: number): number | null {
  const i = index < 0 ? index + length : index;
  return Number.isInteger(i) && i >= 0 && i < length ? i : null;
}
