/**
 * The tracks under each heading of the canvas, in order: locks, synchronization, queues, shared
 * files, shared memory (Values and Arrays, which are drawn as files are but are not files).
 * A lock that a Value or Array made for itself and that no one used is left out: its empty track
 * said nothing but took a row.
 */
import type { TimelineModel } from '../src/model/timeline';

export type TrackKind = 'lock' | 'queue' | 'file' | 'sync';
export type GroupLabel = 'locks' | 'syncs' | 'queues' | 'files' | 'memory';

export interface TrackGroup {
  label: GroupLabel;
  kind: TrackKind;
  objs: number[];
}

/** Whether a file track is a Value's or Array's (they carry what they are as a label). */
const isMemory = (m: TimelineModel, obj: number) => m.files.get(obj)?.label !== undefined;

/** Locks of Values and Arrays that have no event yet but their creation. */
function unusedValueLocks(m: TimelineModel): Set<number> {
  const unused = new Set<number>();
  for (const f of m.files.values()) {
    const lock = f.lock === undefined ? undefined : m.locks.get(f.lock);
    if (lock && lock.holdStart.count === 0 && lock.waits.start.count === 0) unused.add(lock.obj);
  }
  return unused;
}

export function trackGroups(m: TimelineModel): TrackGroup[] {
  const hidden = unusedValueLocks(m);
  const objs = (kind: TrackKind, keep: (obj: number) => boolean = () => true) =>
    m.tracks.filter((t) => t.kind === kind && keep(t.obj)).map((t) => t.obj);
  const groups: TrackGroup[] = [
    { label: 'locks', kind: 'lock', objs: objs('lock', (o) => !hidden.has(o)) },
    { label: 'syncs', kind: 'sync', objs: objs('sync') },
    { label: 'queues', kind: 'queue', objs: objs('queue') },
    { label: 'files', kind: 'file', objs: objs('file', (o) => !isMemory(m, o)) },
    { label: 'memory', kind: 'file', objs: objs('file', (o) => isMemory(m, o)) },
  ];
  return groups.filter((g) => g.objs.length > 0);
}
