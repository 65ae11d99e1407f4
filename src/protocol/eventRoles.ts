/**
 * What each kind of event is for, said once for every kind, so a new kind is placed on purpose
 * (the table below does not compile without it). Two sets are read from it:
 * - `ESSENTIAL_KINDS`, what every holder of a run's events keeps past its bound (the recorder
 *   after `maxEvents`, the host's window, the timeline model): every kind but activity;
 * - `NAMING_KINDS`, the kinds that name a process or an object, which the diagnosis reads too
 *   (src/model/diagnose.ts `DIAGNOSED_KINDS`) so its findings can say names.
 */
import { EVENT_KINDS, EVENT_SHAPES, type EventKind } from './events';

/**
 * - `run`: the run's start, its end and the bounds it hit: the banner and the status.
 * - `naming`: a process (`proc.spawn`) or an object (`*.create`) and its name: a lane or a row.
 *   Exactly the kinds whose shape has a `name` field.
 * - `tie`: what ties other events to a lane or a line: a process's exit (its lane ends), a
 *   pool's worker (whose lane works for the pool), a call site (the id events name in `site`).
 * - `report`: what the runner found (`diag`) or what went wrong (`error`).
 * - `activity`: what a process did, and the bulk of a log. Past a bound, the first to go.
 */
export type KindRole = 'run' | 'naming' | 'tie' | 'report' | 'activity';

const ROLES: { readonly [K in EventKind]: KindRole } = {
  'run.start': 'run',
  'run.end': 'run',
  'run.limit': 'run',
  'proc.spawn': 'naming',
  'proc.exit': 'tie',
  'proc.join.wait': 'activity',
  'proc.join.done': 'activity',
  'proc.terminate': 'activity',
  'sleep.begin': 'activity',
  'sleep.end': 'activity',
  'lock.create': 'naming',
  'lock.request': 'activity',
  'lock.acquire': 'activity',
  'lock.release': 'activity',
  'lock.timeout': 'activity',
  'queue.create': 'naming',
  'queue.put.wait': 'activity',
  'queue.put': 'activity',
  'queue.full': 'activity',
  'queue.get.wait': 'activity',
  'queue.get': 'activity',
  'queue.empty': 'activity',
  'queue.query': 'activity',
  'queue.task_done': 'activity',
  'queue.join.wait': 'activity',
  'queue.join.done': 'activity',
  'file.create': 'naming',
  'file.read': 'activity',
  'file.write': 'activity',
  log: 'activity',
  error: 'report',
  diag: 'report',
  'sched.step': 'activity',
  'lock.depth': 'activity',
  'sem.create': 'naming',
  'sem.request': 'activity',
  'sem.acquire': 'activity',
  'sem.release': 'activity',
  'sem.timeout': 'activity',
  'event.create': 'naming',
  'event.set': 'activity',
  'event.clear': 'activity',
  'event.wait': 'activity',
  'event.wake': 'activity',
  'cond.create': 'naming',
  'cond.wait': 'activity',
  'cond.notify': 'activity',
  'cond.wake': 'activity',
  'barrier.create': 'naming',
  'barrier.arrive': 'activity',
  'barrier.pass': 'activity',
  'barrier.broken': 'activity',
  'barrier.reset': 'activity',
  'value.create': 'naming',
  'value.get': 'activity',
  'value.set': 'activity',
  'pipe.create': 'naming',
  'pipe.send': 'activity',
  'pipe.recv.wait': 'activity',
  'pipe.recv': 'activity',
  'pipe.eof': 'activity',
  'pipe.poll': 'activity',
  'pipe.close': 'activity',
  'pipe.broken': 'activity',
  'pool.create': 'naming',
  'pool.worker': 'tie',
  'pool.submit': 'activity',
  'pool.start': 'activity',
  'pool.done': 'activity',
  'pool.retire': 'activity',
  'pool.wait': 'activity',
  'pool.result': 'activity',
  'pool.close': 'activity',
  'pool.terminate': 'activity',
  'pool.join.wait': 'activity',
  'pool.join.done': 'activity',
  site: 'tie',
};

/** What `kind` is for (see KindRole). */
export function kindRole(kind: EventKind): KindRole {
  return ROLES[kind];
}

/** The kinds that name a process or an object: those whose shape has a `name` field. */
export const NAMING_KINDS: readonly EventKind[] = EVENT_KINDS.filter(
  (kind) => 'name' in EVENT_SHAPES[kind],
);

/**
 * The kinds every holder of a run's events keeps past its bound: with them a view still shows the
 * run's banner and end, every process lane, every object by name, the findings and the errors.
 * Every kind but activity.
 */
export const ESSENTIAL_KINDS: ReadonlySet<EventKind> = new Set(
  EVENT_KINDS.filter((kind) => ROLES[kind] !== 'activity'),
);
