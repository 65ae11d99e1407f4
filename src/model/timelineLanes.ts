/**
 * Process lanes: one per process, with its activity as consecutive state spans
 * (columnar, appended as events arrive) plus prefix sums of time per state, so the
 * dominant state over any time range (a level-of-detail bucket) costs two binary searches.
 */
import { Float64Column, Int32Column, Uint8Column, countLE } from './timelineColumns';

/** What a process is doing. Holding a lock is a separate layer (see `holds`). */
export enum LaneState {
  Running = 0,
  Sleeping = 1,
  LockWait = 2,
  PutWait = 3,
  GetWait = 4,
  JoinWait = 5,
  QueueJoinWait = 6,
  Exited = 7,
  /** Spawned, but its code has not done anything yet (the OS process and runtime are starting). */
  Starting = 8,
  /** Waiting in a Semaphore, Event, Condition or Barrier. */
  SyncWait = 9,
}
export const STATE_COUNT = 10;
export const STATE_NAMES = [
  'running',
  'sleeping',
  'lockWait',
  'putWait',
  'getWait',
  'joinWait',
  'queueJoinWait',
  'exited',
  'starting',
  'syncWait',
] as const;
export type StateName = (typeof STATE_NAMES)[number];

export interface ProcessRecord {
  proc: number;
  name: string;
  pid: number;
  parent: number;
  daemon: boolean;
  spawnT: number;
  exitT: number; // NaN while alive
  code: number | null;
  reason: string;
  signal?: string;
}

const SCRATCH = new Float64Array(STATE_COUNT);
const BEFORE_A = new Float64Array(STATE_COUNT);
/** Spans between two rows of a lane's prefix sums: more spans cost a lookup more additions, fewer cost memory. */
const CHECKPOINT_SPANS = 8;

export class Lane {
  readonly start = new Float64Column();
  readonly state = new Uint8Column();
  /** The lock / queue / process the state is about (-1 when none). */
  readonly obj = new Int32Column();
  /** The call site of the call that began a waiting or sleeping span (-1 when none). */
  readonly site = new Int32Column();
  /**
   * Prefix sums of time per state, one row every CHECKPOINT_SPANS spans: row k holds, at
   * k * STATE_COUNT + s, the time spent in state s before span k * CHECKPOINT_SPANS (`#timeBefore`
   * adds the spans since). A row per span cost ten numbers per span: most of a long run's memory.
   */
  readonly checkpoints = new Float64Column();
  /** Time spent in each state in the spans before the last one. */
  readonly #closed = new Float64Array(STATE_COUNT);
  /** Lock hold spans of this process (start, end = Infinity while held, lock id). */
  readonly holdStart = new Float64Column();
  readonly holdEnd = new Float64Column();
  readonly holdObj = new Int32Column();
  /** The call site of each hold's acquire (-1 when none). */
  readonly holdSite = new Int32Column();

  /** How many spans are in each state (the legend lists the states some lane uses, without a scan). */
  readonly spansIn = new Int32Array(STATE_COUNT);

  /** False until the process's own first event after its spawn. */
  started = false;

  constructor(readonly info: ProcessRecord) {}

  get spanCount(): number {
    return this.start.count;
  }

  /** Enters `state` at time t (a zero-length previous span is replaced). */
  enter(t: number, state: LaneState, obj = -1, site = -1): void {
    const n = this.start.count;
    if (n > 0) {
      const last = n - 1;
      if (this.state.values[last] === state && this.obj.values[last] === obj) return;
      if (this.start.values[last] === t) {
        this.spansIn[this.state.values[last]]--;
        this.spansIn[state]++;
        this.state.values[last] = state;
        this.obj.values[last] = obj;
        this.site.values[last] = site;
        return;
      }
      this.#closed[this.state.values[last]] += t - this.start.values[last];
    }
    if (n % CHECKPOINT_SPANS === 0) this.#checkpoint();
    this.spansIn[state]++;
    this.start.push(t);
    this.state.push(state);
    this.obj.push(obj);
    this.site.push(site);
  }

  /** A row of prefix sums for the span about to be added: the time in each state before it. */
  #checkpoint(): void {
    const rows = this.checkpoints;
    if (rows.count + STATE_COUNT > rows.values.length) rows.reserve(rows.count + STATE_COUNT);
    rows.values.set(this.#closed, rows.count);
    rows.count += STATE_COUNT;
  }

  /**
   * Time spent in each state before span i, into `out`: its checkpoint's row, then the spans since,
   * added in span order (the sums are the ones a row per span would hold, to the last bit).
   */
  #timeBefore(i: number, out: Float64Array): Float64Array {
    const from = i - (i % CHECKPOINT_SPANS);
    const rows = this.checkpoints.values,
      row = (from / CHECKPOINT_SPANS) * STATE_COUNT;
    for (let s = 0; s < STATE_COUNT; s++) out[s] = rows[row + s];
    const start = this.start.values,
      state = this.state.values;
    for (let j = from; j < i; j++) out[state[j]] += start[j + 1] - start[j];
    return out;
  }

  /** Index of the span covering t, or -1 before the process existed. */
  spanAt(t: number): number {
    return countLE(this.start.values, this.start.count, t) - 1;
  }

  stateAt(t: number): LaneState | -1 {
    const i = this.spanAt(t);
    return i < 0 ? -1 : (this.state.values[i] as LaneState);
  }

  /** Time spent in state s during [0, t]. */
  timeIn(s: number, t: number, i = this.spanAt(t)): number {
    if (i < 0) return 0;
    return (
      this.#timeBefore(i, BEFORE_A)[s] + (this.state.values[i] === s ? t - this.start.values[i] : 0)
    );
  }

  /**
   * The state that fills most of [a, b), or -1 when the process did not exist then.
   * Exited time counts only when nothing else happened in the range.
   */
  dominant(a: number, b: number): number {
    return this.dominantIn(a, b, this.spanAt(a), this.spanAt(b));
  }
  /** `dominant` when the spans covering a and b (ia, ib) are already known. */
  dominantIn(a: number, b: number, ia: number, ib: number): number {
    if (ib < 0) return -1;
    if (ia === ib) return this.state.values[ib];
    const d = this.timesIn(a, b, ia, ib);
    let best = -1,
      bestT = -1;
    for (let s = 0; s < STATE_COUNT; s++) {
      const w = s === LaneState.Exited ? d[s] * 1e-6 : d[s];
      if (w > bestT) {
        bestT = w;
        best = s;
      }
    }
    return best;
  }

  /**
   * The waiting state (for a lock, a queue, a join) that took the most time in [a, b) without
   * being `dominant` there, or -1: a wait too short to win its pixel, which a view still shows.
   */
  hiddenWaitIn(a: number, b: number, ia: number, ib: number, dominant: number): number {
    if (ib < 0 || ia === ib) return -1;
    const d = this.timesIn(a, b, ia, ib);
    let best = -1,
      bestT = 0;
    for (let s = LaneState.LockWait; s <= LaneState.QueueJoinWait; s++) {
      if (s !== dominant && d[s] > bestT) {
        bestT = d[s];
        best = s;
      }
    }
    return best;
  }

  /** Time in each state during [a, b), a in span ia and b in span ib (a scratch array, valid until the next call). */
  private timesIn(a: number, b: number, ia: number, ib: number): Float64Array {
    const before = this.#timeBefore(ia, BEFORE_A),
      d = this.#timeBefore(ib, SCRATCH);
    for (let s = 0; s < STATE_COUNT; s++) d[s] -= before[s];
    d[this.state.values[ib]] += b - this.start.values[ib];
    d[this.state.values[ia]] -= a - this.start.values[ia];
    return d;
  }

  beginHold(t: number, lock: number, site = -1): void {
    this.holdStart.push(t);
    this.holdEnd.push(Infinity);
    this.holdObj.push(lock);
    this.holdSite.push(site);
  }
  endHold(t: number, lock: number): void {
    for (let i = this.holdStart.count - 1; i >= 0; i--) {
      if (this.holdObj.values[i] === lock && this.holdEnd.values[i] === Infinity) {
        this.holdEnd.values[i] = t;
        return;
      }
    }
  }
  /** Locks this process holds at t. */
  holdingAt(t: number): number[] {
    const out: number[] = [];
    const hi = countLE(this.holdStart.values, this.holdStart.count, t);
    // Holds never overlap by much; looking back a few is enough except for long nested holds.
    for (let i = hi - 1; i >= 0; i--) {
      if (this.holdEnd.values[i] > t) out.push(this.holdObj.values[i]);
      if (hi - i > 64) break;
    }
    return out;
  }
}
