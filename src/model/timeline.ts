/**
 * The timeline model: an incremental projection of a run's event log into columnar lanes
 * and tracks. `append` takes live batches; `buildTimeline` is the one-shot form. Pure: no DOM.
 */
import {
  KIND_CODES,
  visitEventColumns,
  type ColumnsRead,
  type EventCursor,
} from '../protocol/eventColumns';
import type { Json, LabEvent, Localized, RunStatus, ScheduleMode } from '../protocol/events';
import { stepMark, type StepMark } from './scheduleSteps';
import { Float64Column, Int32Column, Uint8Column } from './timelineColumns';
import { Lane, LaneState, type ProcessRecord } from './timelineLanes';
import type { SyncTrack } from './timelineSyncs';
import type { PoolTrack } from './timelinePool';
import { applyObjectEvent } from './timelineObjects';
import { LockTrack, lockTrackOf } from './timelineLocks';
import { QueueTrack } from './timelineQueues';
import { FileOp, FileTrack, type DiagMark } from './timelineFiles';
import { placeDiag } from './timelineDiag';
import {
  DEFAULT_MAX_EVENTS,
  ESSENTIAL_BY_CODE,
  GET_ITEM,
  GET_SIZE,
  KIND_CODE,
  MAX_LOGS,
  PUT_ITEM,
  PUT_SIZE,
  PUT_VALUE,
  SITE_FIELD,
  SUBJECT_FIELD,
  UNFINISHED,
} from './timelineKinds';
import { applyNumbersEvent } from './timelineOps';

export { DEFAULT_MAX_EVENTS, MODEL_OBJECT_KINDS } from './timelineKinds';

export interface RunInfo {
  lab: string;
  title: Localized;
  seed: number;
  speed: number;
  narration?: Localized;
  /** A controlled run's schedule (absent: realtime). */
  schedule?: ScheduleMode;
}
export interface RunEndInfo {
  status: RunStatus;
  outcome?: Json;
  message?: string;
  narration?: Localized;
  t: number;
  event: LabEvent;
}
export type TrackRef = { kind: 'lock' | 'queue' | 'file' | 'sync' | 'pool'; obj: number };
/** A line of lab code that made calls (a `site` event). */
export interface SiteInfo {
  file: string;
  line: number;
  col: number;
  fn?: string;
}

/** An event's call site, -1 when it has none. */
const siteOf = (e: LabEvent): number => ('site' in e && e.site !== undefined ? e.site : -1);

export class TimelineModel {
  /** Raw columns: time, process and kind index of every stored event. */
  readonly t = new Float64Column(1024);
  readonly proc = new Int32Column(1024);
  readonly kind = new Uint8Column(1024);
  readonly lanes: Lane[] = [];
  readonly locks = new Map<number, LockTrack>();
  readonly queues = new Map<number, QueueTrack>();
  readonly files = new Map<number, FileTrack>();
  /** Semaphores, Events, Conditions and Barriers (timelineSyncs.ts). */
  readonly syncs = new Map<number, SyncTrack>();
  readonly pools = new Map<number, PoolTrack>();
  /** Tracks in creation order (how they are drawn). */
  readonly tracks: TrackRef[] = [];
  readonly diags: DiagMark[] = [];
  readonly logs: { t: number; proc: number; text: string; site: number }[] = [];
  /** The run's call sites by id. */
  readonly sites = new Map<number, SiteInfo>();
  readonly errors: { t: number; proc: number; message: string }[] = [];
  readonly limits: string[] = [];
  /** A controlled run's decisions, in order. */
  readonly steps: StepMark[] = [];
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
  /** A lane was added out of proc order: `lanes` is sorted once at the end of the append. */
  private lanesUnsorted = false;

  constructor(readonly maxEvents = DEFAULT_MAX_EVENTS) {}

  append(events: readonly LabEvent[]): void {
    this.reserve(events.length);
    for (const e of events) this.add(e);
    this.appended();
  }

  /**
   * Takes a checked buffer of batches in columns (decoded with `pick: MODEL_OBJECT_KINDS`): the
   * events of those kinds as objects, every other one straight from its columns, in seq order.
   */
  appendColumns(read: ColumnsRead): void {
    this.reserve(read.count);
    visitEventColumns(read, this.visit);
    this.appended();
  }

  private reserve(more: number): void {
    const want = Math.min(this.maxEvents, this.t.count + more);
    this.t.reserve(want);
    this.proc.reserve(want);
    this.kind.reserve(want);
  }

  private appended(): void {
    if (this.lanesUnsorted) {
      this.lanes.sort((a, b) => a.info.proc - b.info.proc);
      this.lanesUnsorted = false;
    }
    for (const d of this.diags) if (d.t < 0) placeDiag(this, d);
    this.version++;
  }

  lane(proc: number): Lane | undefined {
    return this.laneByProc.get(proc);
  }

  /** For the ingest steps (timelineOps.ts). */
  laneFor(proc: number, t: number): Lane {
    let l = this.laneByProc.get(proc);
    if (!l) {
      const info: ProcessRecord = {
        proc,
        name: `Process ${proc}`,
        pid: 0,
        parent: -1,
        daemon: false,
        spawnT: t,
        exitT: NaN,
        code: null,
        reason: '',
      };
      l = new Lane(info);
      this.laneByProc.set(proc, l);
      // Sorting here, once per new lane, made a run of many processes quadratic to open.
      const last = this.lanes.at(-1);
      if (last && last.info.proc > proc) this.lanesUnsorted = true;
      this.lanes.push(l);
      l.started = true;
      l.enter(t, LaneState.Running);
    }
    return l;
  }

  /** Counts and stores an event's header; false when the bound drops it. */
  private head(code: number, t: number, proc: number): boolean {
    this.eventCount++;
    if (t > this.tEnd) this.tEnd = t;
    if (this.t.count >= this.maxEvents && !ESSENTIAL_BY_CODE[code]) {
      this.dropped++;
      return false;
    }
    this.t.push(t);
    this.proc.push(proc);
    this.kind.push(code);
    if (proc >= 0 && code !== KIND_CODE.spawn) {
      const l = this.laneByProc.get(proc);
      if (l && !l.started) {
        l.started = true;
        l.enter(t, LaneState.Running);
      }
    }
    return true;
  }

  /** An event from columns: its object if its kind is one the model takes as objects, else its numbers. */
  private readonly visit = (event: EventCursor): void => {
    if (event.event) {
      this.add(event.event);
      return;
    }
    const { code, t, proc } = event;
    if (!this.head(code, t, proc)) return;
    const subject = SUBJECT_FIELD[code];
    const obj = subject ? event.number(subject) : -1;
    const siteField = SITE_FIELD[code];
    const siteNumber = siteField ? event.number(siteField) : NaN;
    const site = siteNumber === siteNumber ? siteNumber : -1;
    if (code === KIND_CODE.put)
      applyNumbersEvent(
        this,
        code,
        t,
        proc,
        obj,
        event.number(PUT_ITEM),
        event.number(PUT_SIZE),
        event.json(PUT_VALUE) ?? null,
        site,
      );
    else if (code === KIND_CODE.get)
      applyNumbersEvent(
        this,
        code,
        t,
        proc,
        obj,
        event.number(GET_ITEM),
        event.number(GET_SIZE),
        null,
        site,
      );
    else if (code === KIND_CODE.taskDone)
      applyNumbersEvent(this, code, t, proc, obj, 0, event.number(UNFINISHED), null, site);
    else applyNumbersEvent(this, code, t, proc, obj, 0, 0, null, site);
  };

  private add(e: LabEvent): void {
    // Events of different kinds have different shapes: read the header once (megamorphic loads are slow).
    const kind = e.kind,
      t = e.t,
      proc = e.proc;
    const code = KIND_CODES.get(kind) ?? 255;
    if (!this.head(code, t, proc)) return;
    switch (e.kind) {
      case 'run.start':
        this.run = {
          lab: e.lab,
          title: e.title,
          seed: e.seed,
          speed: e.speed,
          narration: e.narration,
          schedule: e.schedule,
        };
        break;
      case 'sched.step':
        this.steps.push(stepMark(e));
        break;
      case 'run.end':
        this.end = {
          status: e.status,
          outcome: e.outcome,
          message: e.message,
          narration: e.narration,
          t,
          event: e,
        };
        break;
      case 'run.limit':
        this.limits.push(e.message);
        break;
      case 'proc.spawn': {
        const fresh = !this.laneByProc.has(proc);
        const l = this.laneFor(proc, t);
        if (fresh) {
          l.started = false;
          l.enter(t, LaneState.Starting);
        }
        Object.assign(l.info, {
          name: e.name,
          pid: e.pid,
          parent: e.parent,
          daemon: e.daemon,
          spawnT: t,
        });
        break;
      }
      case 'proc.exit': {
        const l = this.laneFor(proc, t);
        Object.assign(l.info, { exitT: t, code: e.code, reason: e.reason, signal: e.signal });
        l.enter(t, LaneState.Exited);
        break;
      }
      case 'lock.create':
        this.track('lock', e.obj, () => this.locks.set(e.obj, lockTrackOf(e)));
        break;
      case 'queue.create':
        this.track('queue', e.obj, () =>
          this.queues.set(e.obj, new QueueTrack(e.obj, e.name, e.maxsize, e.joinable)),
        );
        break;
      case 'file.create':
        this.track('file', e.obj, () =>
          this.files.set(e.obj, new FileTrack(e.obj, e.name, e.value, t)),
        );
        break;
      case 'file.read':
        this.fileFor(e.obj, t).read(t, proc, e.value, e.error, siteOf(e));
        break;
      case 'file.write':
        this.fileFor(e.obj, t).write(t, proc, e.value, siteOf(e));
        break;
      case 'log':
        if (this.logs.length < MAX_LOGS) this.logs.push({ t, proc, text: e.text, site: siteOf(e) });
        break;
      case 'site':
        this.sites.set(e.id, { file: e.file, line: e.line, col: e.col, fn: e.fn });
        break;
      case 'error':
        if (this.errors.length < MAX_LOGS) this.errors.push({ t, proc: proc, message: e.message });
        break;
      case 'diag': {
        const d: DiagMark = {
          code: e.code,
          message: e.message,
          procs: e.procs,
          objs: e.objs,
          t: -1,
          seq: e.seq,
          at: e.at,
          eventT: t,
        };
        this.diags.push(d);
        break;
      }
      case 'queue.put':
        applyNumbersEvent(this, code, t, proc, e.obj, e.item, e.size, e.value, siteOf(e));
        break;
      case 'queue.get':
        applyNumbersEvent(this, code, t, proc, e.obj, e.item, e.size, null, siteOf(e));
        break;
      case 'queue.task_done':
        applyNumbersEvent(this, code, t, proc, e.obj, 0, e.unfinished, null, siteOf(e));
        break;
      case 'proc.join.wait':
        applyNumbersEvent(this, code, t, proc, e.target, 0, 0, null, siteOf(e));
        break;
      default:
        if (!applyObjectEvent(this, e, t))
          applyNumbersEvent(this, code, t, proc, 'obj' in e ? e.obj : -1, 0, 0, null, siteOf(e));
        break;
    }
  }

  /** For applySyncEvent (timelineSyncs.ts). */
  addSyncTrack(track: SyncTrack): void {
    this.track('sync', track.obj, () => this.syncs.set(track.obj, track));
  }
  /** For applyPoolEvent (timelinePool.ts). */
  addPoolTrack(track: PoolTrack): void {
    this.track('pool', track.obj, () => this.pools.set(track.obj, track));
  }

  track(kind: TrackRef['kind'], obj: number, create: () => void): void {
    const tracks = { lock: this.locks, queue: this.queues, file: this.files, sync: this.syncs };
    const has = kind === 'pool' ? this.pools.has(obj) : tracks[kind].has(obj);
    if (!has) {
      create();
      this.tracks.push({ kind, obj });
    }
  }
  /** For the ingest steps (timelineOps.ts). */
  lockFor(obj: number): LockTrack {
    if (!this.locks.has(obj))
      this.track('lock', obj, () => this.locks.set(obj, new LockTrack(obj, `Lock ${obj}`, -1)));
    return this.locks.get(obj)!;
  }
  /** For the ingest steps (timelineOps.ts). */
  queueFor(obj: number): QueueTrack {
    if (!this.queues.has(obj))
      this.track('queue', obj, () =>
        this.queues.set(obj, new QueueTrack(obj, `Queue ${obj}`, 0, false)),
      );
    return this.queues.get(obj)!;
  }
  private fileFor(obj: number, t: number): FileTrack {
    if (!this.files.has(obj))
      this.track('file', obj, () =>
        this.files.set(obj, new FileTrack(obj, `file ${obj}`, null, t)),
      );
    return this.files.get(obj)!;
  }

  procName(proc: number): string {
    return this.laneByProc.get(proc)?.info.name ?? (proc < 0 ? 'runner' : `Process ${proc}`);
  }
}

/** One-shot projection of a whole log. */
export function buildTimeline(events: readonly LabEvent[], maxEvents?: number): TimelineModel {
  const m = new TimelineModel(maxEvents);
  m.append(events);
  return m;
}

export { FileOp, type StepMark };
