import type { LabEvent } from '../protocol/events';
import { objLabel, type LogNames } from './logNames';
import type { BlockSpan } from './procActivity';

/** One Queue or JoinableQueue over the run (times in µs). */
export interface QueueStats {
  obj: number;
  name: string;
  maxsize: number;
  joinable: boolean;
  puts: number;
  gets: number;
  /** Puts and gets of values other than None (sentinels are not products). */
  produced: number;
  consumed: number;
  maxDepth: number;
  /** Depth when the log ended. */
  finalDepth: number;
  /** Items got per second, from the first put to the last get; 0 with fewer than two events to measure. */
  throughputPerSec: number;
  /** Summed over every process blocked on this queue. */
  putBlockedUs: number;
  getBlockedUs: number;
  /** JoinableQueue: tasks without taskDone() when the log ended. */
  unfinished: number;
}

/** Per queue, in order of creation (or first use when the log lacks the creation). */
export function queueStats(
  events: readonly LabEvent[],
  spans: readonly BlockSpan[],
  names: LogNames,
): QueueStats[] {
  const qs = new Map<number, QueueStats & { firstPutT?: number; lastGetT?: number }>();
  const q = (obj: number) => {
    let s = qs.get(obj);
    if (!s) {
      const kind = names.objKinds.get(obj);
      qs.set(
        obj,
        (s = {
          obj,
          name: objLabel(names, obj),
          maxsize: 0,
          joinable: kind === 'joinable',
          puts: 0,
          gets: 0,
          produced: 0,
          consumed: 0,
          maxDepth: 0,
          finalDepth: 0,
          throughputPerSec: 0,
          putBlockedUs: 0,
          getBlockedUs: 0,
          unfinished: 0,
        }),
      );
    }
    return s;
  };
  for (const e of events) {
    switch (e.kind) {
      case 'queue.create': {
        const s = q(e.obj);
        s.maxsize = e.maxsize;
        s.joinable = e.joinable;
        break;
      }
      case 'queue.put': {
        const s = q(e.obj);
        s.puts++;
        if (e.value !== null) s.produced++;
        s.firstPutT ??= e.t;
        s.finalDepth = e.size;
        if (e.size > s.maxDepth) s.maxDepth = e.size;
        if (s.joinable) s.unfinished++;
        break;
      }
      case 'queue.get': {
        const s = q(e.obj);
        s.gets++;
        if (e.value !== null) s.consumed++;
        s.lastGetT = e.t;
        s.finalDepth = e.size;
        break;
      }
      case 'queue.task_done':
      case 'queue.join.wait':
        q(e.obj).unfinished = e.unfinished;
        break;
    }
  }
  for (const sp of spans) {
    if (sp.obj === undefined || (sp.kind !== 'put-blocked' && sp.kind !== 'get-blocked')) continue;
    const s = q(sp.obj);
    if (sp.kind === 'put-blocked') s.putBlockedUs += sp.endT - sp.startT;
    else s.getBlockedUs += sp.endT - sp.startT;
  }
  return [...qs.values()].map(({ firstPutT, lastGetT, ...s }) => {
    const span = firstPutT !== undefined && lastGetT !== undefined ? lastGetT - firstPutT : 0;
    return { ...s, throughputPerSec: span > 0 ? (s.gets / span) * 1e6 : 0 };
  });
}
