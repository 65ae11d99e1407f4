/**
 * Statistics of the Pools of a run, from its log alone: jobs and tasks, and per worker how many
 * tasks it ran and how long it was busy with them (the share of the work each one did).
 */
import type { LabEvent } from '../protocol/events';

export interface PoolWorkerStats {
  proc: number;
  tasks: number;
  /** Time from each task's start to its end, summed (µs). */
  busyUs: number;
}

export interface PoolStats {
  obj: number;
  name: string;
  processes: number;
  jobs: number;
  tasks: number;
  /** Tasks that raised. */
  failed: number;
  /** Every worker the pool had (replacements too), in the order they joined. */
  workers: PoolWorkerStats[];
}

export function poolStats(events: readonly LabEvent[]): PoolStats[] {
  const pools = new Map<number, PoolStats>();
  const workerOf = new Map<string, PoolWorkerStats>();
  const started = new Map<string, number>();
  for (const e of events) {
    if (e.kind === 'pool.create') {
      const fields = { obj: e.obj, name: e.name, processes: e.processes };
      pools.set(e.obj, { ...fields, jobs: 0, tasks: 0, failed: 0, workers: [] });
      continue;
    }
    if (!e.kind.startsWith('pool.')) continue;
    const p = pools.get((e as { obj: number }).obj);
    if (!p) continue;
    const key = `${p.obj}:${e.proc}`;
    if (e.kind === 'pool.worker') {
      const w = { proc: e.proc, tasks: 0, busyUs: 0 };
      p.workers.push(w);
      workerOf.set(key, w);
    } else if (e.kind === 'pool.submit') p.jobs++;
    else if (e.kind === 'pool.start') started.set(key, e.t);
    else if (e.kind === 'pool.done') {
      const w = workerOf.get(key);
      p.tasks++;
      if (!e.ok) p.failed++;
      if (w) {
        w.tasks++;
        w.busyUs += Math.max(0, e.t - (started.get(key) ?? e.t));
      }
    }
  }
  return [...pools.values()];
}
