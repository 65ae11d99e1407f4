/** How an event taken in numbers changes the lanes and tracks: one step of the timeline model. */
import { type Json } from '../protocol/events';
import { KIND_CODE } from './timelineKinds';
import { LaneState, type Lane } from './timelineLanes';
import type { LockTrack } from './timelineLocks';
import type { QueueTrack } from './timelineQueues';

/** The parts of the model an event taken in numbers may change. */
export interface NumbersEventTarget {
  laneFor(proc: number, t: number): Lane;
  lockFor(obj: number): LockTrack;
  queueFor(obj: number): QueueTrack;
}

/**
 * The kinds that come in numbers, from objects and columns alike: `obj` is the lock, queue or
 * process (join) it is about; `item`, `n` (size or unfinished) and `value` are the queue's.
 */
export function applyNumbersEvent(
  model: NumbersEventTarget,
  code: number,
  t: number,
  proc: number,
  obj: number,
  item: number,
  n: number,
  value: Json,
  site = -1,
): void {
  switch (code) {
    case KIND_CODE.joinWait:
      model.laneFor(proc, t).enter(t, LaneState.JoinWait, obj, site);
      break;
    case KIND_CODE.joinDone:
      model.laneFor(proc, t).enter(t, LaneState.Running);
      break;
    case KIND_CODE.sleepBegin:
      model.laneFor(proc, t).enter(t, LaneState.Sleeping, -1, site);
      break;
    case KIND_CODE.sleepEnd:
      model.laneFor(proc, t).enter(t, LaneState.Running);
      break;
    case KIND_CODE.request:
      model.lockFor(obj).request(t, proc);
      model.laneFor(proc, t).enter(t, LaneState.LockWait, obj, site);
      break;
    case KIND_CODE.acquire: {
      model.lockFor(obj).acquire(t, proc, site);
      const l = model.laneFor(proc, t);
      l.enter(t, LaneState.Running);
      l.beginHold(t, obj, site);
      break;
    }
    case KIND_CODE.release:
      model.lockFor(obj).release(t, proc);
      model.laneFor(proc, t).endHold(t, obj);
      break;
    case KIND_CODE.timeout:
      model.lockFor(obj).giveUp(t, proc);
      model.laneFor(proc, t).enter(t, LaneState.Running);
      break;
    case KIND_CODE.putWait:
      model.queueFor(obj).putWaits.begin(t, proc);
      model.laneFor(proc, t).enter(t, LaneState.PutWait, obj, site);
      break;
    case KIND_CODE.put:
      model.queueFor(obj).put(t, proc, item, value, n);
      model.laneFor(proc, t).enter(t, LaneState.Running);
      break;
    case KIND_CODE.full:
      model.queueFor(obj).putWaits.close(proc, t);
      model.laneFor(proc, t).enter(t, LaneState.Running);
      break;
    case KIND_CODE.getWait:
      model.queueFor(obj).getWaits.begin(t, proc);
      model.laneFor(proc, t).enter(t, LaneState.GetWait, obj, site);
      break;
    case KIND_CODE.get:
      model.queueFor(obj).get(t, proc, item, n);
      model.laneFor(proc, t).enter(t, LaneState.Running);
      break;
    case KIND_CODE.empty:
      model.queueFor(obj).getWaits.close(proc, t);
      model.laneFor(proc, t).enter(t, LaneState.Running);
      break;
    case KIND_CODE.taskDone:
      model.queueFor(obj).taskDone(t, n);
      break;
    case KIND_CODE.queueJoinWait:
      model.queueFor(obj).joinWaits.begin(t, proc);
      model.laneFor(proc, t).enter(t, LaneState.QueueJoinWait, obj, site);
      break;
    case KIND_CODE.queueJoinDone:
      model.queueFor(obj).joinWaits.close(proc, t);
      model.laneFor(proc, t).enter(t, LaneState.Running);
      break;
    default:
      break; // queue.query, proc.terminate: shown only as events
  }
}
