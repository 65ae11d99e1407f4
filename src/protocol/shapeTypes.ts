/**
 * The TypeScript type of a value of a shape (`schema.ts`), computed from the shape's constant, so
 * a message's type is never written beside its shape by hand.
 */
import type { FieldType, Shape } from './schema';

/** A JSON value. Previews of lab values are bounded (see `preview.ts`). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Text in both UI languages. */
export interface Localized {
  en: string;
  'zh-CN': string;
}

/** The value each named field type holds. */
interface NamedTypeValues {
  int: number;
  uint: number;
  num: number;
  str: string;
  bool: boolean;
  json: Json;
  'json[]': Json[];
  localized: Localized;
  'int[]': number[];
  'int|null': number | null;
  'num|bool': number | boolean;
  true: true;
  false: false;
  any: unknown;
}

/** The value a field of type `T` holds. */
export type FieldValue<T extends FieldType> = T extends keyof NamedTypeValues
  ? NamedTypeValues[T]
  : T extends { readonly enum: readonly (infer E)[] }
    ? E
    : T extends { readonly object: infer S extends Shape }
      ? ShapeValue<S>
      : never;

type RequiredNames<S> = { [K in keyof S]: K extends `${string}?` ? never : K }[keyof S];
type OptionalName<K> = K extends `${infer Name}?` ? Name : never;

/** Flattens an intersection into one object type (what an editor shows on hover). */
type Flat<T> = { [K in keyof T]: T[K] };

/**
 * The value of a shape: its fields, those whose name ends in `?` optional (without the `?`). A
 * union of shapes gives the union of their values.
 */
export type ShapeValue<S extends Shape> = S extends Shape
  ? Flat<
      { -readonly [K in RequiredNames<S> & string]: FieldValue<S[K]> } & {
        -readonly [K in keyof S & string as OptionalName<K>]?: FieldValue<S[K]>;
      }
    >
  : never;
