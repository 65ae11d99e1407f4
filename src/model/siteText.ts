/** A call site in words, for a tooltip, a report or a link: `ticket.lab.mjs:14 lock.acquire()`. */
import { LaneState } from './timelineLanes';

/** Where a site is (a `site` event's fields). */
export interface SitePlace {
  file: string;
  line: number;
  fn?: string;
}

/** The call a waiting or sleeping span of a lane was made by. */
export const CALL_OF_STATE: Partial<Record<LaneState, string>> = {
  [LaneState.Sleeping]: 'sleep()',
  [LaneState.LockWait]: 'lock.acquire()',
  [LaneState.PutWait]: 'queue.put()',
  [LaneState.GetWait]: 'queue.get()',
  [LaneState.JoinWait]: 'process.join()',
  [LaneState.QueueJoinWait]: 'queue.join()',
  [LaneState.SyncWait]: 'wait()',
};

/** The last part of a path (POSIX or Windows). */
export function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** `ticket.lab.mjs:14 lock.acquire()` (the call left out when unknown). */
export function siteLabel(place: SitePlace, call?: string): string {
  return `${baseName(place.file)}:${place.line}${call ? ` ${call}` : ''}`;
}
