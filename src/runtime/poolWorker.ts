/**
 * The loop of a Pool's worker process (Python's multiprocessing.pool.worker): run the pool's
 * initializer once, then ask the runner for a task, run it, report it, until told to exit.
 */
import type { Json } from '../protocol/events';
import type { LabInit, WireError } from '../protocol/lab';
import { notify, request, type LoadedModule } from './context';
import { decodeValue, encodeValue } from './encode';

interface TaskWire {
  job: number;
  task: number;
  fn: string;
  calls: Json[][];
}

export async function runPoolWorker(init: LabInit, module: LoadedModule): Promise<void> {
  const ref = init.pool as string;
  if (init.target !== undefined) {
    const initializer = module[init.target];
    if (typeof initializer !== 'function')
      throw new TypeError(`the lab module has no exported function "${init.target}" to run`);
    await initializer(...(decodeValue(init.args ?? []) as unknown[]));
  }
  for (;;) {
    const task = (await request({ id: 0, op: 'pool.next', ref })) as TaskWire | null;
    if (task === null) return;
    const outcome = await runTask(module, task);
    notify({ id: 0, op: 'pool.done', ref, job: task.job, task: task.task, ...outcome });
  }
}

/** Every call of the task, in order; the first error ends it (as CPython's mapstar). */
async function runTask(
  module: LoadedModule,
  task: TaskWire,
): Promise<{ ok: true; value: Json[] } | { ok: false; error: WireError }> {
  try {
    const fn = module[task.fn];
    if (typeof fn !== 'function')
      throw new TypeError(`the lab module has no exported function "${task.fn}"`);
    const value: Json[] = [];
    for (const args of task.calls)
      value.push(encodeValue(await fn(...(decodeValue(args) as unknown[]))));
    return { ok: true, value };
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    return { ok: false, error: { name: e.name || 'Error', message: e.message.slice(0, 2000) } };
  }
}
