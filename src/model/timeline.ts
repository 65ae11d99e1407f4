/**
 * The timeline model: an incremental projection of a run's event log into columnar lanes
 * and tracks. `append` takes live batches; `buildTimeline` is the one-shot form. Pure: no DOM.
 * How each event changes it is in timelineIngest.ts.
 */
import {
  KIND_CODES,
  visitEventColumns,
  type ColumnsRead,
  type EventCursor,
} from '../protocol/eventColumns';
import type { LabEvent } from '../protocol/events';
import type { StepMark } from './scheduleSteps';
import { Float64Column } from './timelineColumns';
import { Lane, LaneState, type ProcessRecord } from './timelineLanes';
import type { SyncTrack } from './timelineSyncs';
import type { PoolTrack } from './timelinePool';
import { LockTrack } from './timelineLocks';
import { QueueTrack } from './timelineQueues';
import { FileOp, FileTrack, type DiagMark } from './timelineFiles';
import { placeDiag } from './timelineDiag';
import { DEFAULT_MAX_EVENTS, ESSENTIAL_BY_CODE, KIND_CODE } from './timelineKinds';
import { applyColumnsEvent, applyEvent } from './timelineIngest';
import { defaultObjectName } from './objectNames';
import type { RunEndInfo, RunInfo, SiteInfo, TrackRef } from './timelineRecords';

export { DEFAULT_MAX_EVENTS, MODEL_OBJECT_KINDS } from './timelineKinds';
export type { RunEndInfo, RunInfo, SiteInfo, TrackRef } from './timelineRecords';

export class TimelineModel {
  /** The time of every stored event (their count is the bound's measure; the tracks hold the rest). */
  readonly t = new Float64Column(1024);
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
  /** Lanes spawned whose process has not done anything yet: while none are, no event looks for its lane to start it. */
  private lanesToStart = 0;

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
    this.t.reserve(Math.min(this.maxEvents, this.t.count + more));
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

  /** For the ingest steps (timelineIngest.ts, timelineOps.ts). */
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

  /** Counts and stores an event's header; false when the bound drops it (timelineIngest.ts). */
  storeHeader(code: number, t: number, proc: number): boolean {
    this.eventCount++;
    if (t > this.tEnd) this.tEnd = t;
    if (this.t.count >= this.maxEvents && !ESSENTIAL_BY_CODE[code]) {
      this.dropped++;
      return false;
    }
    this.t.push(t);
    if (this.lanesToStart > 0 && proc >= 0 && code !== KIND_CODE.spawn) {
      const l = this.laneByProc.get(proc);
      if (l && !l.started) {
        l.started = true;
        this.lanesToStart--;
        l.enter(t, LaneState.Running);
      }
    }
    return true;
  }

  /** A process spawned before its lane existed: the lane starts with its own first event (timelineIngest.ts). */
  awaitStart(lane: Lane, t: number): void {
    lane.started = false;
    this.lanesToStart++;
    lane.enter(t, LaneState.Starting);
  }

  /** An event from columns: its object if its kind is one the model takes as objects, else its numbers. */
  private readonly visit = (event: EventCursor): void => {
    if (event.event) this.add(event.event);
    else applyColumnsEvent(this, event);
  };

  private add(e: LabEvent): void {
    // Events of different kinds have different shapes: read the header once (megamorphic loads are slow).
    const kind = e.kind,
      t = e.t,
      proc = e.proc;
    const code = KIND_CODES.get(kind) ?? 255;
    if (this.storeHeader(code, t, proc)) applyEvent(this, e, code, t, proc);
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
    const lock = this.locks.get(obj);
    if (lock) return lock;
    this.track('lock', obj, () =>
      this.locks.set(obj, new LockTrack(obj, defaultObjectName('Lock', obj), -1)),
    );
    return this.locks.get(obj)!;
  }
  /** For the ingest steps (timelineOps.ts). */
  queueFor(obj: number): QueueTrack {
    const queue = this.queues.get(obj);
    if (queue) return queue;
    this.track('queue', obj, () =>
      this.queues.set(obj, new QueueTrack(obj, defaultObjectName('Queue', obj), 0, false)),
    );
    return this.queues.get(obj)!;
  }
  /** For the ingest steps (timelineIngest.ts). */
  fileFor(obj: number, t: number): FileTrack {
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
