/**
 * A Barrier brokered by the runner (Python's multiprocessing.Barrier): `parties` processes wait
 * for each other, then all pass together; the last to arrive runs the action first.
 */
import type { LabMessage } from '../protocol/lab';
import { ctx, newRef, notify, request } from './context';
import { registerShareable, type Shareable } from './encode';
import { exportName } from './process';
import { nameArg } from './syncArgs';
import { timeoutArg } from './timeouts';
import { ValueError } from './errors';

export interface BarrierOptions {
  /** An exported function of the lab module, run by the last process to arrive before any pass. */
  action?: () => unknown;
  /** The default timeout of wait() (null: none); a wait that times out breaks the barrier. */
  timeoutSec?: number | null;
  /** A name for the timeline (default "Barrier 1", …). */
  name?: string;
}

export class Barrier implements Shareable {
  readonly #ref: string;
  readonly #action: string | undefined;
  readonly parties: number;

  constructor(
    parties: number,
    options: BarrierOptions = {},
    wire?: { ref: string; action?: string },
  ) {
    if (typeof parties !== 'number' || !Number.isInteger(parties))
      throw new TypeError('Barrier(parties): parties must be an integer');
    if (parties < 1) throw new ValueError('Barrier(parties): parties must be >= 1');
    this.parties = parties;
    if (wire) {
      this.#ref = wire.ref;
      this.#action = wire.action;
      return;
    }
    const c = ctx();
    this.#action = options.action === undefined ? undefined : exportName(c.module, options.action);
    const timeoutSec = timeoutArg(options.timeoutSec, 'Barrier()');
    this.#ref = newRef();
    notify({
      id: 0,
      op: 'barrier.create',
      ref: this.#ref,
      parties,
      timeoutSec,
      action: this.#action,
      name: nameArg(options.name),
    });
  }

  /**
   * Arrives and waits for the others; resolves with this arrival's index (0 … parties-1).
   * Rejects with BrokenBarrierError when the barrier is or becomes broken; a wait that times
   * out breaks it. `null` takes the barrier's default timeout, as Python's `None` does.
   */
  async wait(timeoutSec: number | null = null): Promise<number> {
    const timeout = timeoutArg(timeoutSec, 'Barrier.wait()');
    const ask: LabMessage = { id: 0, op: 'barrier.wait', ref: this.#ref, timeoutSec: timeout };
    const reply = await request(ask);
    if (reply !== 'action') return reply as number;
    // The action's end is told after awaits: with the site of the wait (request() set it).
    const { site } = ask;
    const action = this.#action ? ctx().module[this.#action] : undefined;
    try {
      if (typeof action === 'function') await (action as () => unknown)();
    } catch (err) {
      // As CPython: a failing action breaks the barrier, and its error is raised here.
      await request({ id: 0, op: 'barrier.actionDone', ref: this.#ref, ok: false, site }).catch(
        () => null,
      );
      throw err;
    }
    return (await request({
      id: 0,
      op: 'barrier.actionDone',
      ref: this.#ref,
      ok: true,
      site,
    })) as number;
  }

  /** Back to empty and unbroken; processes waiting now get BrokenBarrierError. */
  async reset(): Promise<void> {
    await request({ id: 0, op: 'barrier.reset', ref: this.#ref });
  }

  /** Breaks the barrier: waits raise BrokenBarrierError until reset(). */
  async abort(): Promise<void> {
    await request({ id: 0, op: 'barrier.abort', ref: this.#ref });
  }

  /** How many processes wait at the barrier now (Python's `n_waiting`). */
  async nWaiting(): Promise<number> {
    return (await request({
      id: 0,
      op: 'barrier.query',
      ref: this.#ref,
      what: 'nWaiting',
    })) as number;
  }

  /** Whether the barrier is broken (Python's `broken`). */
  async broken(): Promise<boolean> {
    return (await request({ id: 0, op: 'barrier.query', ref: this.#ref, what: 'broken' })) === true;
  }

  toWire() {
    const w: { $cl: string; ref: string; parties: number; action?: string } = {
      $cl: 'Barrier',
      ref: this.#ref,
      parties: this.parties,
    };
    if (this.#action) w.action = this.#action;
    return w;
  }
}

registerShareable(
  'Barrier',
  (w) =>
    new Barrier(
      w.parties as number,
      {},
      { ref: w.ref as string, action: w.action as string | undefined },
    ),
);
