/**
 * Tracks of Values, Arrays and Pipes. A Value or Array is drawn as a shared file is: its value
 * between writes, every read and write, and the lost-update marks; an Array's value is its list of
 * items. A Pipe is a sync track: the messages in it over time, who waits in recv(), and an arrow
 * per message from its sender's lane at the send to its receiver's lane at the recv.
 */
import type { Json, LabEvent } from '../protocol/events';
import { FileTrack } from './timelineFiles';
import type { TrackRef } from './timelineRecords';
import { LaneState } from './timelineLanes';
import { SyncTrack, type SyncTarget } from './timelineSyncs';

/** A pipe's track, which also remembers when and by whom each message in it was sent. */
export class PipeTrack extends SyncTrack {
  readonly sent = new Map<number, { t: number; proc: number }>();
}

export interface SharedTarget extends SyncTarget {
  files: Map<number, FileTrack>;
  track(kind: TrackRef['kind'], obj: number, create: () => void): void;
}

const siteOf = (e: { site?: number }): number => e.site ?? -1;

/** Applies one Value, Array or Pipe event; false when `e` is not one. */
export function applySharedEvent(m: SharedTarget, e: LabEvent, t: number): boolean {
  switch (e.kind) {
    case 'value.create': {
      const label =
        e.size === undefined ? `Value('${e.typecode}')` : `Array('${e.typecode}', ${e.size})`;
      m.track('file', e.obj, () =>
        m.files.set(e.obj, new FileTrack(e.obj, e.name, e.value, t, label, e.lock)),
      );
      return true;
    }
    case 'value.get': {
      const f = m.files.get(e.obj);
      f?.read(t, e.proc, e.value, undefined, siteOf(e));
      return true;
    }
    case 'value.set': {
      const f = m.files.get(e.obj);
      if (!f) return true;
      // An Array's value over time is its whole list: the item written, in the list before.
      const before = f.valueAt(t);
      const value: Json =
        e.index !== undefined && Array.isArray(before)
          ? before.map((x, i) => (i === e.index ? e.value : x))
          : e.value;
      f.write(t, e.proc, value, siteOf(e));
      return true;
    }
    case 'pipe.create':
      m.addSyncTrack(new PipeTrack(e.obj, e.name, 'pipe', 1));
      return true;
  }
  if (!e.kind.startsWith('pipe.')) return false;
  const pipe = m.syncs.get((e as { obj: number }).obj);
  if (!(pipe instanceof PipeTrack)) return true;
  const lane = () => m.laneFor(e.proc, t);
  switch (e.kind) {
    case 'pipe.send':
      pipe.sent.set(e.msg, { t, proc: e.proc });
      pipe.step(t, pipe.levelAt(t) + 1);
      return true;
    case 'pipe.recv.wait':
      pipe.waits.begin(t, e.proc);
      lane().enter(t, LaneState.SyncWait, pipe.obj);
      return true;
    case 'pipe.recv': {
      pipe.waits.close(e.proc, t);
      lane().enter(t, LaneState.Running);
      const from = pipe.sent.get(e.msg);
      pipe.sent.delete(e.msg);
      if (from) pipe.woke(from.t, from.proc, t, e.proc);
      pipe.step(t, Math.max(0, pipe.levelAt(t) - 1));
      return true;
    }
    case 'pipe.eof':
      pipe.waits.close(e.proc, t);
      lane().enter(t, LaneState.Running);
      pipe.brokenT.push(t);
      return true;
    default:
      return true;
  }
}
