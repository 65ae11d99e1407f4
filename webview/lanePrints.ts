/** print() lines by process, for marks on the lanes and their hover (cached per model version). */
import type { TimelineModel } from '../src/model/timeline';

let cachedFor: { model: TimelineModel; version: number } | undefined;
let times = new Map<number, number[]>();
let indices = new Map<number, number[]>();

function build(m: TimelineModel): void {
  if (cachedFor?.model === m && cachedFor.version === m.version) return;
  cachedFor = { model: m, version: m.version };
  times = new Map();
  indices = new Map();
  m.logs.forEach((l, i) => {
    if (!times.has(l.proc)) {
      times.set(l.proc, []);
      indices.set(l.proc, []);
    }
    times.get(l.proc)!.push(l.t);
    indices.get(l.proc)!.push(i);
  });
}

/** Times of the prints of `proc`, in order. */
export function lanePrints(m: TimelineModel, proc: number): number[] {
  build(m);
  return times.get(proc) ?? [];
}

/** The prints of `proc` within `tol` µs of t (at most `max`), as indices into m.logs. */
export function printsNear(
  m: TimelineModel,
  proc: number,
  t: number,
  tol: number,
  max = 4,
): number[] {
  build(m);
  const ts = times.get(proc) ?? [];
  const out: number[] = [];
  for (let i = 0; i < ts.length && out.length < max; i++)
    if (Math.abs(ts[i] - t) <= tol) out.push(indices.get(proc)![i]);
  return out;
}
