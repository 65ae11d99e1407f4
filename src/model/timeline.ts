/**
 * The timeline model: an incremental projection of a run's event log into columnar lanes
 * and tracks. `append` takes live batches; `buildTimeline` is the one-shot form. Pure: no DOM.
 */
import { EVENT_KINDS, type Json, type LabEvent, type Localized, type RunStatus } from '../protocol/events';
import { F64, I32, U8 } from './timelineColumns';
import { Lane, S, type ProcInfo } from './timelineLanes';
import { LockTrack } from './timelineLocks';
import { QueueTrack } from './timelineQueues';
import { FileOp, FileTrack, type DiagMark } from './timelineFiles';
import { placeDiag } from './timelineDiag';

export interface RunInfo { lab: string; title: Localized; seed: number; speed: number; narration?: Localized }
export interface RunEndInfo { status: RunStatus; outcome?: Json; message?: string; narration?: Localized; t: number; event: LabEvent }
export type TrackRef = { kind: 'lock' | 'queue' | 'file'; obj: number };

/** Bounds that keep memory flat while a long run streams. */
export const DEFAULT_MAX_EVENTS = 3_000_000;
const MAX_LOGS = 5000;
const KIND_CODE = new Map(EVENT_KINDS.map((k, i) => [k, i]));
/** Kinds kept even past the bound: the banner, lanes and findings stay right. */
const ESSENTIAL = new Set<string>(['run.start', 'run.end', 'run.limit', 'proc.spawn', 'proc.exit', 'diag']);

export class TimelineModel {
  /** Raw columns: time, process and kind index of every stored event. */
  readonly t = new F64(1024);
  readonly proc = new I32(1024);
  readonly kind = new U8(1024);
  readonly lanes: Lane[] = [];
  readonly locks = new Map<number, LockTrack>();
  readonly queues = new Map<number, QueueTrack>();
  readonly files = new Map<number, FileTrack>();
  /** Tracks in creation order (how they are drawn). */
  readonly tracks: TrackRef[] = [];
  readonly diags: DiagMark[] = [];
  readonly logs: { t: number; proc: number; text: string }[] = [];
  readonly errors: { t: number; proc: number; message: string }[] = [];
  readonly limits: string[] = [];
  run?: RunInfo;
  end?: RunEndInfo;
  /** Latest time seen (µs). */
  tEnd = 0;
  eventCount = 0;
  /** Events not stored because the bound was hit (still counted). */
  dropped = 0;
  /** Bumped on every append so views know to redraw. */
  version = 0;
  private laneByProc = new Map<number, Lane>();

  constructor(readonly maxEvents = DEFAULT_MAX_EVENTS) {}

  append(events: readonly LabEvent[]): void {
    const want = Math.min(this.maxEvents, this.t.n + events.length);
    this.t.reserve(want); this.proc.reserve(want); this.kind.reserve(want);
    for (const e of events) this.add(e);
    for (const d of this.diags) if (d.t < 0) placeDiag(this, d);
    this.version++;
  }

  lane(proc: number): Lane | undefined { return this.laneByProc.get(proc); }

  private laneFor(proc: number, t: number): Lane {
    let l = this.laneByProc.get(proc);
    if (!l) {
      const info: ProcInfo = { proc, name: `Process ${proc}`, pid: 0, parent: -1, daemon: false, spawnT: t, exitT: NaN, code: null, reason: '' };
      l = new Lane(info);
      this.laneByProc.set(proc, l);
      this.lanes.push(l);
      this.lanes.sort((a, b) => a.info.proc - b.info.proc);
      l.started = true;
      l.enter(t, S.Running);
    }
    return l;
  }

  private add(e: LabEvent): void {
    // Events of different kinds have different shapes: read the header once (megamorphic loads are slow).
    const kind = e.kind, t = e.t, proc = e.proc;
    this.eventCount++;
    if (t > this.tEnd) this.tEnd = t;
    if (this.t.n >= this.maxEvents && !ESSENTIAL.has(kind)) { this.dropped++; return; }
    this.t.push(t); this.proc.push(proc); this.kind.push(KIND_CODE.get(kind) ?? 255);
    if (proc >= 0 && kind !== 'proc.spawn') {
      const l = this.laneByProc.get(proc);
      if (l && !l.started) { l.started = true; l.enter(t, S.Running); }
    }
    switch (e.kind) {
      case 'run.start': this.run = { lab: e.lab, title: e.title, seed: e.seed, speed: e.speed, narration: e.narration }; break;
      case 'run.end': this.end = { status: e.status, outcome: e.outcome, message: e.message, narration: e.narration, t, event: e }; break;
      case 'run.limit': this.limits.push(e.message); break;
      case 'proc.spawn': {
        const fresh = !this.laneByProc.has(proc);
        const l = this.laneFor(proc, t);
        if (fresh) { l.started = false; l.enter(t, S.Starting); }
        Object.assign(l.info, { name: e.name, pid: e.pid, parent: e.parent, daemon: e.daemon, spawnT: t });
        break;
      }
      case 'proc.exit': {
        const l = this.laneFor(proc, t);
        Object.assign(l.info, { exitT: t, code: e.code, reason: e.reason, signal: e.signal });
        l.enter(t, S.Exited);
        break;
      }
      case 'proc.join.wait': this.laneFor(proc, t).enter(t, S.JoinWait, e.target); break;
      case 'proc.join.done': this.laneFor(proc, t).enter(t, S.Running); break;
      case 'sleep.begin': this.laneFor(proc, t).enter(t, S.Sleeping); break;
      case 'sleep.end': this.laneFor(proc, t).enter(t, S.Running); break;
      case 'lock.create': this.track('lock', e.obj, () => this.locks.set(e.obj, new LockTrack(e.obj, e.name, proc))); break;
      case 'lock.request': this.lockFor(e.obj).request(t, proc); this.laneFor(proc, t).enter(t, S.LockWait, e.obj); break;
      case 'lock.acquire': {
        this.lockFor(e.obj).acquire(t, proc);
        const l = this.laneFor(proc, t);
        l.enter(t, S.Running);
        l.beginHold(t, e.obj);
        break;
      }
      case 'lock.release': this.lockFor(e.obj).release(t, proc); this.laneFor(proc, t).endHold(t, e.obj); break;
      case 'lock.timeout': this.lockFor(e.obj).giveUp(t, proc); this.laneFor(proc, t).enter(t, S.Running); break;
      case 'queue.create': this.track('queue', e.obj, () => this.queues.set(e.obj, new QueueTrack(e.obj, e.name, e.maxsize, e.joinable))); break;
      case 'queue.put.wait': this.queueFor(e.obj).putWaits.begin(t, proc); this.laneFor(proc, t).enter(t, S.PutWait, e.obj); break;
      case 'queue.put': this.queueFor(e.obj).put(t, proc, e.item, e.value, e.size); this.laneFor(proc, t).enter(t, S.Running); break;
      case 'queue.full': this.queueFor(e.obj).putWaits.close(proc, t); this.laneFor(proc, t).enter(t, S.Running); break;
      case 'queue.get.wait': this.queueFor(e.obj).getWaits.begin(t, proc); this.laneFor(proc, t).enter(t, S.GetWait, e.obj); break;
      case 'queue.get': this.queueFor(e.obj).get(t, proc, e.item, e.size); this.laneFor(proc, t).enter(t, S.Running); break;
      case 'queue.empty': this.queueFor(e.obj).getWaits.close(proc, t); this.laneFor(proc, t).enter(t, S.Running); break;
      case 'queue.task_done': this.queueFor(e.obj).taskDone(t, e.unfinished); break;
      case 'queue.join.wait': this.queueFor(e.obj).joinWaits.begin(t, proc); this.laneFor(proc, t).enter(t, S.QueueJoinWait, e.obj); break;
      case 'queue.join.done': this.queueFor(e.obj).joinWaits.close(proc, t); this.laneFor(proc, t).enter(t, S.Running); break;
      case 'file.create': this.track('file', e.obj, () => this.files.set(e.obj, new FileTrack(e.obj, e.name, e.value, t))); break;
      case 'file.read': this.fileFor(e.obj, t).read(t, proc, e.value, e.error); break;
      case 'file.write': this.fileFor(e.obj, t).write(t, proc, e.value); break;
      case 'log': if (this.logs.length < MAX_LOGS) this.logs.push({ t, proc: proc, text: e.text }); break;
      case 'error': if (this.errors.length < MAX_LOGS) this.errors.push({ t, proc: proc, message: e.message }); break;
      case 'diag': {
        const d: DiagMark = { code: e.code, message: e.message, procs: e.procs, objs: e.objs, t: -1, seq: e.seq, at: e.at, eventT: t };
        this.diags.push(d);
        break;
      }
      default: break; // queue.query, proc.terminate: shown only as events
    }
  }

  private track(kind: TrackRef['kind'], obj: number, create: () => void): void {
    const has = kind === 'lock' ? this.locks.has(obj) : kind === 'queue' ? this.queues.has(obj) : this.files.has(obj);
    if (!has) { create(); this.tracks.push({ kind, obj }); }
  }
  private lockFor(obj: number): LockTrack {
    if (!this.locks.has(obj)) this.track('lock', obj, () => this.locks.set(obj, new LockTrack(obj, `Lock ${obj}`, -1)));
    return this.locks.get(obj)!;
  }
  private queueFor(obj: number): QueueTrack {
    if (!this.queues.has(obj)) this.track('queue', obj, () => this.queues.set(obj, new QueueTrack(obj, `Queue ${obj}`, 0, false)));
    return this.queues.get(obj)!;
  }
  private fileFor(obj: number, t: number): FileTrack {
    if (!this.files.has(obj)) this.track('file', obj, () => this.files.set(obj, new FileTrack(obj, `file ${obj}`, null, t)));
    return this.files.get(obj)!;
  }

  procName(proc: number): string { return this.laneByProc.get(proc)?.info.name ?? (proc < 0 ? 'runner' : `Process ${proc}`); }
}

/** One-shot projection of a whole log. */
export function buildTimeline(events: readonly LabEvent[], maxEvents?: number): TimelineModel {
  const m = new TimelineModel(maxEvents);
  m.append(events);
  return m;
}

export { FileOp };
