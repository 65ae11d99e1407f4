import type { EventKind, LabEvent } from '../protocol/events';
import { NAMING_KINDS } from '../protocol/eventRoles';
import type { Finding } from './diagText';
import {
  describeLostUpdate,
  describeTornRead,
  LostUpdateFinder,
  lostUpdateIds,
  TornReadFinder,
  tornReadIds,
  type FindingIds,
} from './fileDiagnostics';
import { NameCollector, type LogNames } from './logNames';
import { tidyLocalized } from './chineseText';
import { LockWaits } from './lockWaits';
import { findLockContention, UnfinishedTasks } from './syncDiagnostics';

export type { Finding } from './diagText';

/** Past this many findings of one code the rest are summed up in one, so a racy lab cannot flood the log. */
export const MAX_FINDINGS_PER_CODE = 20;

/**
 * Diagnoses a run's log: lost updates, torn reads, lock contention, unfinished JoinableQueue tasks.
 * Deadlock and hang are diagnosed by the runner while the run is live, not here.
 * Linear in the log; safe on partial logs and on logs of crashed runs.
 */
export function diagnose(events: readonly LabEvent[]): Finding[] {
  const diagnosis = new Diagnosis();
  for (const e of events) diagnosis.add(e);
  return diagnosis.findings(events.length ? events[events.length - 1].t : 0);
}

/**
 * The activity a diagnosis reads (`Diagnosis.add`): lock waits and hand-offs (contention), queue
 * items and tasks (unfinished tasks), file reads and writes and shared values (lost updates and
 * torn reads).
 */
const DIAGNOSED_ACTIVITY: readonly EventKind[] = [
  'lock.request',
  'lock.acquire',
  'lock.release',
  'lock.timeout',
  'queue.put',
  'queue.get',
  'queue.task_done',
  'queue.join.wait',
  'queue.join.done',
  'file.read',
  'file.write',
  'value.get',
  'value.set',
];

/**
 * The kinds of event a diagnosis reads; it has nothing to learn from the others, so the recorder
 * does not hand them over. Besides its activity: the run's start (its speed, for durations in lab
 * time), every kind that names a process or an object (findings say names) and a process's exit
 * (its waits end). Those three are essential kinds too (src/protocol/eventRoles.ts), which every
 * holder keeps past its bound: a diagnosis of a bounded log still names what it finds.
 */
export const DIAGNOSED_KINDS: ReadonlySet<EventKind> = new Set<EventKind>([
  'run.start',
  ...NAMING_KINDS,
  'proc.exit',
  ...DIAGNOSED_ACTIVITY,
]);

/**
 * `diagnose` event by event, as a log grows: the runner's recorder feeds it each event it records
 * (the commonest straight from their fields, without an event object), so the end of a run has
 * its findings at hand instead of reading the whole log again. Findings depend on the log alone.
 */
export class Diagnosis {
  readonly #names = new NameCollector();
  readonly #lostUpdates = new LostUpdateFinder();
  readonly #tornReads = new TornReadFinder();
  readonly #locks = new LockWaits();
  readonly #tasks = new UnfinishedTasks();
  #speed: number | undefined;
  /** A controlled schedule's run: its clock is virtual (src/runner/virtualClock.ts). */
  #virtualTime: boolean | undefined;

  add(e: LabEvent): void {
    switch (e.kind) {
      case 'run.start':
        this.#speed ??= e.speed > 0 ? e.speed : 1;
        this.#virtualTime ??= e.schedule !== undefined;
        return;
      case 'lock.request':
        return this.lockRequest(e.obj, e.proc, e.seq, e.t);
      case 'lock.acquire':
        return this.lockAcquire(e.obj, e.proc, e.seq, e.t, e.waitedUs);
      case 'lock.release':
        return this.lockRelease(e.obj);
      case 'lock.timeout':
        return this.lockTimeout(e.obj, e.proc, e.t);
      case 'queue.put':
      case 'queue.get':
        return this.queueItem(e.kind, e.obj, e.proc, e.seq);
      case 'proc.exit':
        this.#names.add(e);
        this.#locks.exited(e.proc, e.t);
        this.#tasks.add(e, this.#names.names);
        return;
    }
    this.#names.add(e);
    this.#lostUpdates.add(e);
    this.#tornReads.add(e);
    this.#tasks.add(e, this.#names.names);
  }

  lockRequest(obj: number, proc: number, seq: number, t: number): void {
    this.#locks.request(obj, proc, seq, t);
  }

  lockAcquire(obj: number, proc: number, seq: number, t: number, waitedUs: number): void {
    this.#locks.acquire(obj, proc, seq, t, waitedUs);
  }

  lockRelease(obj: number): void {
    this.#locks.release(obj);
  }

  lockTimeout(obj: number, proc: number, t: number): void {
    this.#locks.timeout(obj, proc, t);
  }

  queueItem(kind: 'queue.put' | 'queue.get', obj: number, proc: number, seq: number): void {
    this.#tasks.item(kind, obj, proc, seq, this.#names.names);
  }

  /** The findings of the log so far, whose last event is at `lastT`. */
  findings(lastT: number): Finding[] {
    const names = this.#names.names;
    const findings = [
      ...capped(this.#lostUpdates.found, describeLostUpdate, lostUpdateIds, names, (n, total) => ({
        en: `…and ${n} more lost ${n === 1 ? 'update' : 'updates'} like these (${total} in all).`,
        'zh-CN': `……还有 ${n} 次类似的丢失更新（共 ${total} 次）。`,
      })),
      ...capped(this.#tornReads.found, describeTornRead, tornReadIds, names, (n, total) => ({
        en: `…and ${n} more torn ${n === 1 ? 'read' : 'reads'} like these (${total} in all).`,
        'zh-CN': `……还有 ${n} 次类似的读到残缺文件（共 ${total} 次）。`,
      })),
      ...findLockContention(
        this.#locks.summaries(lastT),
        names,
        this.#speed ?? 1,
        this.#virtualTime ?? false,
      ),
      ...this.#tasks.findings(names),
    ];
    return findings.map((f) => ({ ...f, message: tidyLocalized(f.message) }));
  }
}

/** Describes the first MAX_FINDINGS_PER_CODE raw findings and folds the rest into one summary. */
function capped<R>(
  raw: R[],
  describe: (r: R, names: LogNames) => Finding,
  ids: (r: R) => FindingIds,
  names: LogNames,
  rest: (n: number, total: number) => Finding['message'],
): Finding[] {
  const kept = raw.slice(0, MAX_FINDINGS_PER_CODE).map((r) => describe(r, names));
  if (raw.length <= MAX_FINDINGS_PER_CODE) return kept;
  const procs = new Set<number>();
  const objs = new Set<number>();
  let at: number | undefined;
  for (let i = MAX_FINDINGS_PER_CODE; i < raw.length; i++) {
    // Describing each dropped finding would cost more than the whole scan; only its procs/objs are needed.
    const f = ids(raw[i]);
    f.procs.forEach((p) => procs.add(p));
    f.objs.forEach((o) => objs.add(o));
    at ??= f.at;
  }
  kept.push({
    code: kept[0].code,
    message: rest(raw.length - MAX_FINDINGS_PER_CODE, raw.length),
    procs: [...procs].sort((a, b) => a - b),
    objs: [...objs].sort((a, b) => a - b),
    at,
  });
  return kept;
}
