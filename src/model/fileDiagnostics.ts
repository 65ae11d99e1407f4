import type { EventOf, Json, LabEvent } from '../protocol/events';
import { describeFileValue, describeRaw, type Finding } from './diagText';
import { objLabel, procLabel, type LogNames } from './logNames';
import { SharedCells } from './sharedCells';

/** A process's latest write to a file; one object per (file, process), updated in place. */
interface Write {
  seq: number;
  proc: number;
  value: Json;
}
interface FileState {
  writes: number;
  /** The latest write, and the latest write by a process other than its writer: enough to find "the latest write not by P" for any P. */
  last?: Write;
  lastOther?: Write;
  byProc: Map<number, Write>;
  /** Each process's latest good read, updated in place (a big log has hundreds of thousands of reads). */
  reads: Map<number, ReadMark>;
}
interface ReadMark {
  seq: number;
  value: Json;
  writesAtRead: number;
  ownWrites: number;
}

/** A write of a shared file, a Value or an Array item. */
export type WriteEvent = EventOf<'file.write'> | EventOf<'value.set'>;

/** A write that overwrote another process's write made after the writer's own read. */
export interface LostUpdate {
  write: WriteEvent;
  readSeq: number;
  readValue: Json;
  /** The write it overwrote: the latest by another process. */
  otherProc: number;
  otherValue: Json;
  /** Writes by others since the read, all overwritten. */
  lost: number;
}
/** A failed read of a file mid-write, and the writer when one could be found. */
export interface TornRead {
  read: EventOf<'file.read'>;
  writer?: number;
}

/** The parts of a finding that do not need words. */
export type FindingIds = Pick<Finding, 'procs' | 'objs' | 'at'>;

export const lostUpdateIds = (x: LostUpdate): FindingIds => ({
  procs: [x.write.proc, x.otherProc],
  objs: [x.write.obj],
  at: x.write.seq,
});
export const tornReadIds = (x: TornRead): FindingIds => ({
  procs: x.writer === undefined ? [x.read.proc] : [x.read.proc, x.writer],
  objs: [x.read.obj],
  at: x.read.seq,
});

/**
 * Lost updates: P read the file, another process wrote it, then P wrote a value computed from its
 * stale read, overwriting that other write. One finding per overwriting write, in log order.
 */
export function findLostUpdates(events: readonly LabEvent[]): LostUpdate[] {
  const finder = new LostUpdateFinder();
  for (const e of events) finder.add(e);
  return finder.found;
}

/** findLostUpdates event by event, as a log grows. */
export class LostUpdateFinder {
  readonly found: LostUpdate[] = [];
  readonly #files = new Map<number | string, FileState>();
  readonly #cells = new SharedCells();

  #file(key: number | string): FileState {
    let f = this.#files.get(key);
    if (!f)
      this.#files.set(
        key,
        (f = {
          writes: 0,
          last: undefined,
          lastOther: undefined,
          byProc: new Map(),
          reads: new Map(),
        }),
      );
    return f;
  }

  add(e: LabEvent): void {
    if (e.kind === 'file.read') {
      if (e.error !== undefined || e.value === undefined) return;
      readFrom(this.#file(e.obj), e.proc, e.seq, e.value);
    } else if (e.kind === 'file.write') {
      wroteTo(this.#file(e.obj), e, this.found);
    } else if (e.kind === 'value.create') {
      this.#cells.created(e);
    } else if (e.kind === 'value.get') {
      const key = this.#cells.key(e);
      if (key !== null) readFrom(this.#file(key), e.proc, e.seq, e.value);
    } else if (e.kind === 'value.set') {
      const key = this.#cells.key(e);
      if (key !== null) wroteTo(this.#file(key), e, this.found);
    }
  }
}

function readFrom(f: FileState, proc: number, seq: number, value: Json): void {
  const r = f.reads.get(proc);
  if (r) {
    r.seq = seq;
    r.value = value;
    r.writesAtRead = f.writes;
    r.ownWrites = 0;
  } else f.reads.set(proc, { seq, value, writesAtRead: f.writes, ownWrites: 0 });
}

/** A write to `f`: a lost update when another process wrote since the writer's own read. */
function wroteTo(f: FileState, e: WriteEvent, out: LostUpdate[]): void {
  const read = f.reads.get(e.proc);
  if (read) {
    const other = f.last && f.last.proc !== e.proc ? f.last : f.lastOther;
    if (other && other.seq > read.seq) {
      const lost = f.writes - read.writesAtRead - read.ownWrites;
      out.push({
        write: e,
        readSeq: read.seq,
        readValue: read.value,
        otherProc: other.proc,
        otherValue: other.value,
        lost: Math.max(1, lost),
      });
    }
    read.ownWrites++;
  }
  f.writes++;
  let w = f.byProc.get(e.proc);
  if (w) {
    w.seq = e.seq;
    w.value = e.value;
  } else f.byProc.set(e.proc, (w = { seq: e.seq, proc: e.proc, value: e.value }));
  if (f.last && f.last !== w) f.lastOther = f.last;
  f.last = w;
}

/** The finding for a lost update, in plain words; formatted only for findings that are kept. */
export function describeLostUpdate(x: LostUpdate, names: LogNames): Finding {
  const { write: e, lost } = x;
  const item = e.kind === 'value.set' && e.index !== undefined ? `[${e.index}]` : '';
  const file = `${objLabel(names, e.obj)}${item}`;
  const p = procLabel(names, e.proc);
  const q = procLabel(names, x.otherProc);
  const readV = describeFileValue(file, x.readValue);
  const otherV = describeFileValue(file, x.otherValue);
  const mineV = describeFileValue(file, e.value);
  const more = lost - 1;
  return {
    code: 'lost-update',
    message: {
      en:
        `${p.en} read ${readV}, then ${q.en} wrote ${otherV}; ${p.en}'s write of ${mineV} overwrote it` +
        (more > 0
          ? ` and ${more} earlier ${more === 1 ? 'write' : 'writes'} by others since its read — ${lost} updates were lost.`
          : ' — one update was lost.'),
      'zh-CN':
        `${p['zh-CN']} 读到 ${readV}，随后 ${q['zh-CN']} 写入了 ${otherV}；${p['zh-CN']} 写入的 ${mineV} 覆盖了它` +
        (more > 0
          ? `，以及它读取之后别的进程的另外 ${more} 次写入——丢失了 ${lost} 次更新。`
          : '——丢失了一次更新。'),
    },
    ...lostUpdateIds(x),
  };
}

/**
 * Torn reads: a read that failed because the file was mid-write (truncated, not yet rewritten).
 * The writer is the first process other than the reader to write that file after the read.
 */
export function findTornReads(events: readonly LabEvent[]): TornRead[] {
  const finder = new TornReadFinder();
  for (const e of events) finder.add(e);
  return finder.found;
}

/** findTornReads event by event, as a log grows. */
export class TornReadFinder {
  readonly found: TornRead[] = [];
  /** obj → indexes into `found` still waiting for a writer. */
  readonly #unresolved = new Map<number, number[]>();

  add(e: LabEvent): void {
    const out = this.found;
    const unresolved = this.#unresolved;
    if (e.kind === 'file.read' && e.error !== undefined) {
      const list = unresolved.get(e.obj);
      if (list) list.push(out.length);
      else unresolved.set(e.obj, [out.length]);
      out.push({ read: e });
    } else if (e.kind === 'file.write') {
      const list = unresolved.get(e.obj);
      if (!list) return;
      const keep = list.filter((i) => out[i].read.proc === e.proc);
      for (const i of list) if (out[i].read.proc !== e.proc) out[i].writer = e.proc;
      if (keep.length) unresolved.set(e.obj, keep);
      else unresolved.delete(e.obj);
    }
  }
}

export function describeTornRead(x: TornRead, names: LogNames): Finding {
  const { read: e, writer } = x;
  const file = objLabel(names, e.obj);
  const r = procLabel(names, e.proc);
  const seen = describeRaw(e.raw);
  const err = e.error ?? '';
  const w = writer === undefined ? undefined : procLabel(names, writer);
  return {
    code: 'torn-read',
    message: {
      en: w
        ? `${r.en} read ${file} while ${w.en} was in the middle of writing it (a write empties the file first), saw ${seen.en} and failed: ${err}`
        : `${r.en} read ${file} while it was being written (a write empties the file first), saw ${seen.en} and failed: ${err}`,
      'zh-CN': w
        ? `${r['zh-CN']} 读取 ${file} 时，${w['zh-CN']} 正写到一半（写入会先清空文件），读到的是 ${seen['zh-CN']}，读取失败：${err}`
        : `${r['zh-CN']} 读取 ${file} 时它正被写入（写入会先清空文件），读到的是 ${seen['zh-CN']}，读取失败：${err}`,
    },
    ...tornReadIds(x),
  };
}
