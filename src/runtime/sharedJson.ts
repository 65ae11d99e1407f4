/**
 * A real JSON file in the run's temp folder. The runner grants each read and write (so a future
 * controlled scheduler can order them); this process then does the file I/O itself, truncating
 * before writing like Python's open(path, "w") + json.dump, so a concurrent read can find the
 * file empty or half written and raise, exactly as the seed's lesson shows.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Json } from '../protocol/events';
import type { LabMessage } from '../protocol/lab';
import { controlled, newRef, notify, request } from './context';
import { encodeValue, registerShareable, type Shareable } from './encode';
import { JSONDecodeError } from './errors';

const RAW_PREVIEW = 200;

export class SharedJson implements Shareable {
  readonly #ref: string;
  readonly name: string;

  constructor(name: string, ref: string) {
    this.name = name;
    this.#ref = ref;
  }

  /** Reads and parses the file. Raises JSONDecodeError when it does not hold valid JSON. */
  async read(): Promise<Json> {
    // What it found is reported with the site of the read (the line that called read()).
    const ask: LabMessage = { id: 0, op: 'file.read', ref: this.#ref };
    const path = (await request(ask)) as string;
    const { site } = ask;
    let raw: string;
    try {
      // Synchronous, as Python's open() + read() are: the read takes the file as it is at one
      // moment, and the time it takes does not grow with the number of busy processes.
      raw = readFileSync(path, 'utf8');
    } catch (err) {
      notify({ id: 0, op: 'file.didRead', ref: this.#ref, error: (err as Error).message, site });
      throw err;
    }
    let value: Json;
    try {
      value = JSON.parse(raw) as Json;
    } catch (err) {
      const message = raw === '' ? 'Expecting value: the file is empty' : (err as Error).message;
      notify({
        id: 0,
        op: 'file.didRead',
        ref: this.#ref,
        error: message,
        raw: raw.slice(0, RAW_PREVIEW),
        site,
      });
      throw new JSONDecodeError(message, raw);
    }
    notify({ id: 0, op: 'file.didRead', ref: this.#ref, value, site });
    return value;
  }

  /** Replaces the file's contents with `value` as JSON: truncate first, then write. */
  async write(value: unknown): Promise<void> {
    const json = encodeValue(value);
    const text = JSON.stringify(json);
    const ref = this.#ref;
    const steps = controlled();
    const ask: LabMessage = steps
      ? { id: 0, op: 'file.write', ref, value: json }
      : { id: 0, op: 'file.write', ref };
    const path = (await request(ask)) as string;
    const { site } = ask;
    if (steps) {
      const fh = await open(path, 'w');
      try {
        // A controlled schedule may let another process run between the truncate and the fill.
        await request({ id: 0, op: 'file.fill', ref, site });
        await fh.writeFile(text, 'utf8');
      } finally {
        await fh.close();
      }
    } else {
      // Truncate, write and close in one go, as Python's open(path, "w") + json.dump + close do:
      // the file is empty only for the microseconds the write takes, as it is in Python. Done
      // asynchronously (open, write and close each a trip through Node's thread pool), the
      // empty file lasted milliseconds, longer the busier the machine, and torn reads were
      // several times as frequent as in Python.
      writeFileSync(path, text, 'utf8');
    }
    notify({ id: 0, op: 'file.didWrite', ref: this.#ref, value: json, site });
  }

  toWire() {
    return { $cl: 'SharedJson', ref: this.#ref, name: this.name };
  }
}

/**
 * Opens the shared JSON file `name` (a plain file name) in the run's folder, creating it with
 * `initial` when no process has created it yet.
 */
export function sharedJson(name: string, initial: unknown = null): SharedJson {
  const ref = newRef();
  notify({ id: 0, op: 'file.create', ref, name: String(name), value: encodeValue(initial) });
  return new SharedJson(String(name), ref);
}

registerShareable('SharedJson', (w) => new SharedJson(w.name as string, w.ref as string));
