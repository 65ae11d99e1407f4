/**
 * Call sites: the lines of lab code that made calls. Each process announces a site once (the
 * `site` notice, with a number of its own) and names it in later operations; the run gives each
 * distinct place one id, recorded once as a `site` event, and the events a call makes carry it.
 */
import type { LabMessageOf } from '../protocol/lab';
import type { ProcRec } from './procRec';
import type { Recorder } from './recorder';

/** Most distinct sites a run records (code made at run time could make sites without end). */
export const MAX_SITES = 10_000;
/** Longest file path a site may name. */
const MAX_PATH_CHARS = 4096;

export class SiteTable {
  /** The run's id of each place (file, line, column). */
  readonly #ids = new Map<string, number>();
  /** Per process: its own site numbers → the run's ids. */
  readonly #byProc = new Map<ProcRec, Map<number, number>>();
  /** The process `resolve` was last asked about, and its numbers: operations come in bursts. */
  #lastProc: ProcRec | null = null;
  #lastOwn: Map<number, number> | undefined;

  constructor(private readonly rec: () => Recorder) {}

  /** Takes a `site` notice; returns why it is refused, or null. */
  define(p: ProcRec, m: LabMessageOf<'site'>): string | null {
    if (m.site === undefined || m.site < 1) return 'site: field "site" must be an integer ≥ 1';
    if (m.line < 1 || m.col < 1) return 'site: "line" and "col" count from 1';
    if (m.file.length === 0 || m.file.length > MAX_PATH_CHARS)
      return `site: "file" must be a path of 1 to ${MAX_PATH_CHARS} characters`;
    const key = `${m.col}:${m.line}:${m.file}`;
    let id = this.#ids.get(key);
    if (id === undefined) {
      // Past the bound, calls from new places simply carry no site.
      if (this.#ids.size >= MAX_SITES) return null;
      id = this.#ids.size + 1;
      this.#ids.set(key, id);
      const fn = m.fn?.slice(0, 200);
      const fields = { id, file: m.file, line: m.line, col: m.col };
      this.rec().emit(p.index, 'site', fn ? { ...fields, fn } : fields);
    }
    let own = this.#byProc.get(p);
    if (!own) {
      this.#byProc.set(p, (own = new Map()));
      if (this.#lastProc === p) this.#lastOwn = own;
    }
    if (own.size < MAX_SITES) own.set(m.site, id);
    return null;
  }

  /** The run's id of site `own` of process `p`; undefined when it was never announced. */
  resolve(p: ProcRec, own: number): number | undefined {
    if (p !== this.#lastProc) {
      this.#lastProc = p;
      this.#lastOwn = this.#byProc.get(p);
    }
    return this.#lastOwn?.get(own);
  }
}
