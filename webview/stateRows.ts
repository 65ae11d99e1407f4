/**
 * "At the playhead" is table-driven: one row per kind of primitive, keyed by its track's kind
 * (for a `sync` track, its SyncKind). To show a new primitive (a Value or Array, a Pipe, a Pool),
 * write its box function next to the others (primitiveBoxes.ts, or a file of its own) and add
 * one entry to STATE_ROWS; renderState and everything else stay as they are.
 */
import type { TimelineModel, TrackRef } from '../src/model/timeline';
import {
  barrierBox,
  conditionBox,
  eventBox,
  fileBox,
  lockBox,
  queueBox,
  semaphoreBox,
} from './primitiveBoxes';
import { poolBox } from './poolBox';
import { pipeBox, valueBox } from './sharedBoxes';

/** The box of track `obj` at time t; undefined when the model has no such track. */
export type StateRow = (m: TimelineModel, obj: number, t: number) => HTMLElement | undefined;

/** The table: track key → its row. Tracks whose key has no row are left out of the panel. */
export const STATE_ROWS: Readonly<Record<string, StateRow>> = {
  lock: lockBox, // Lock and RLock (owner, depth, waiters)
  queue: queueBox,
  file: fileBox,
  semaphore: semaphoreBox, // Semaphore and BoundedSemaphore
  event: eventBox,
  condition: conditionBox,
  barrier: barrierBox,
  pool: poolBox, // what each worker runs, tasks queued and done
  value: valueBox, // Value and Array (file tracks with a label)
  pipe: pipeBox,
};

/** The key a track is looked up by in STATE_ROWS. */
export function trackKey(m: TimelineModel, track: TrackRef): string {
  if (track.kind === 'file' && m.files.get(track.obj)?.label) return 'value';
  return track.kind === 'sync' ? (m.syncs.get(track.obj)?.kind ?? 'sync') : track.kind;
}

/** The boxes of the first `limit` tracks that have a row, and how many more there are. */
export function stateBoxes(
  m: TimelineModel,
  t: number,
  limit: number,
): { boxes: HTMLElement[]; omitted: number } {
  const boxes: HTMLElement[] = [];
  let omitted = 0;
  for (const track of m.tracks) {
    const key = trackKey(m, track);
    const row = Object.hasOwn(STATE_ROWS, key) ? STATE_ROWS[key] : undefined;
    if (!row) continue;
    if (boxes.length >= limit) {
      omitted++;
      continue;
    }
    const box = row(m, track.obj, t);
    if (box) boxes.push(box);
  }
  return { boxes, omitted };
}
