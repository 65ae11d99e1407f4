/**
 * Read→write windows: from a process's read of a shared file until its next write of that file.
 * A lost update is two of these windows overlapping on one file, so they are drawn on the lanes.
 */
import { FileOp } from '../src/model/timelineFiles';
import type { TimelineModel } from '../src/model/timeline';

export interface RaceWindow {
  file: number;
  /** Time of the read that opened the window and of the write that closed it, µs. */
  t0: number;
  t1: number;
  readIdx: number;
  writeIdx: number;
}

/** Beyond this many file operations the windows are not drawn (they would be a solid band). */
const MAX_OPS = 200_000;

let cachedFor: { model: TimelineModel; version: number } | undefined;
let cached = new Map<number, RaceWindow[]>();

/** The closed windows of each process, by proc, in time order (computed once per model version). */
export function raceWindows(m: TimelineModel): Map<number, RaceWindow[]> {
  if (cachedFor?.model === m && cachedFor.version === m.version) return cached;
  cachedFor = { model: m, version: m.version };
  cached = new Map();
  let ops = 0;
  for (const f of m.files.values()) ops += f.opT.count;
  if (ops > MAX_OPS) return cached;
  for (const f of m.files.values()) {
    // The first read since the process's last write of this file, by proc.
    const open = new Map<number, number>();
    for (let i = 0; i < f.opT.count; i++) {
      const p = f.opProc.values[i];
      const op = f.op.values[i];
      if (op === FileOp.Write) {
        const r = open.get(p);
        open.delete(p);
        if (r === undefined) continue;
        let list = cached.get(p);
        if (!list) cached.set(p, (list = []));
        list.push({
          file: f.obj,
          t0: f.opT.values[r],
          t1: f.opT.values[i],
          readIdx: r,
          writeIdx: i,
        });
      } else if (!open.has(p)) open.set(p, i);
    }
  }
  for (const list of cached.values()) list.sort((a, b) => a.t0 - b.t0);
  return cached;
}

/** The window of `proc` around t, if any. */
export function raceWindowAt(
  m: TimelineModel,
  proc: number,
  t: number,
  tol: number,
): RaceWindow | undefined {
  return raceWindows(m)
    .get(proc)
    ?.find((w) => t >= w.t0 - tol && t <= w.t1 + tol);
}
