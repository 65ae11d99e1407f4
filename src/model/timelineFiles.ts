/** Shared-file tracks: the value over time and every read and write with its value. */
import type { Json, Localized, DiagCode } from '../protocol/events';
import { Float64Column, Int32Column, Uint8Column, countLE } from './timelineColumns';

export const enum FileOp {
  Read = 0,
  Write = 1,
  TornRead = 2,
}

export class FileTrack {
  readonly opT = new Float64Column();
  readonly opProc = new Int32Column();
  readonly op = new Uint8Column();
  readonly opValue: (Json | undefined)[] = [];
  readonly opError: (string | undefined)[] = [];
  /** The call site of each read and write (-1 when none). */
  readonly opSite = new Int32Column();
  /** Indices into the ops of the writes, for valueAt. */
  readonly writeT = new Float64Column();
  readonly writeIdx = new Int32Column();
  /** Times of the torn reads, so a zoomed-out pixel can tell whether it holds one. */
  readonly tornT = new Float64Column();

  constructor(
    readonly obj: number,
    readonly name: string,
    readonly initial: Json,
    readonly createdT: number,
    /** What it is, when not a shared file: "Value('i')", "Array('i', 3)". */
    readonly label?: string,
    /** A Value's or Array's lock (the obj of its RLock), when it has one. */
    readonly lock?: number,
  ) {}

  read(
    t: number,
    proc: number,
    value: Json | undefined,
    error: string | undefined,
    site = -1,
  ): void {
    if (error !== undefined) this.tornT.push(t);
    this.push(t, proc, error !== undefined ? FileOp.TornRead : FileOp.Read, value, error, site);
  }
  write(t: number, proc: number, value: Json, site = -1): void {
    this.writeT.push(t);
    this.writeIdx.push(this.opT.count);
    this.push(t, proc, FileOp.Write, value, undefined, site);
  }
  private push(
    t: number,
    proc: number,
    op: FileOp,
    value: Json | undefined,
    error: string | undefined,
    site: number,
  ): void {
    this.opSite.push(site);
    this.opT.push(t);
    this.opProc.push(proc);
    this.op.push(op);
    this.opValue.push(value);
    this.opError.push(error);
  }
  valueAt(t: number): Json {
    const i = countLE(this.writeT.values, this.writeT.count, t) - 1;
    return i >= 0 ? (this.opValue[this.writeIdx.values[i]] as Json) : this.initial;
  }
  /** Index of the last op by `proc` at or before t (optionally only writes / reads). */
  lastOpBy(proc: number, t: number, op?: FileOp): number {
    for (let i = countLE(this.opT.values, this.opT.count, t) - 1; i >= 0; i--) {
      if (this.opProc.values[i] === proc && (op === undefined || this.op.values[i] === op))
        return i;
    }
    return -1;
  }
}

/** A diagnosis placed on the timeline. */
export interface DiagMark {
  code: DiagCode;
  message: Localized;
  procs: number[];
  objs: number[];
  /** Where it is drawn (µs); -1 until placed (see timelineDiag.ts). */
  t: number;
  seq: number;
  /** The diagnosis' own `at` field and the time of the diag event. */
  at?: number;
  eventT: number;
}
