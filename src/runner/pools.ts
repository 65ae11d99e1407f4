/**
 * PoolBroker: Python's multiprocessing.Pool held by the runner. Its workers are daemon children
 * of the pool's owner that the runner starts (and replaces, after `maxtasksperchild` tasks or a
 * crash) for it; they ask for tasks, and the scheduler picks which idle worker takes the next one.
 * Results wait here until the owner asks for them (poolResults.ts).
 */
import type { EventFields, Json } from '../protocol/events';
import type { LabMessageOf } from '../protocol/lab';
import type { BrokerContext } from './brokerContext';
import type { ObjectTable } from './objectTable';
import { PoolResults } from './poolResults';
import { preview } from './preview';
import type { PoolJob, PoolState, PoolTask } from './poolState';
import type { ProcBroker } from './procs';
import { send } from './procRec';
import type { ProcRec } from './procRec';
import { dropWaiter, newWaiter } from './waiter';

export class PoolBroker {
  readonly results: PoolResults;
  /** The pool each live worker works for. */
  readonly #poolOf = new Map<ProcRec, PoolState>();

  constructor(
    private readonly hub: BrokerContext,
    private readonly objects: ObjectTable<{ obj: number; kind: string }>,
    private readonly procs: ProcBroker,
  ) {
    this.results = new PoolResults(hub);
  }

  create(p: ProcRec, m: LabMessageOf<'pool.create'>): void {
    if (m.identity.length === 0)
      return this.hub.fail(p, m.id, 'TypeError', 'pool.create: identity must not be empty');
    if (m.processes < 1)
      return this.hub.fail(p, m.id, 'ValueError', 'Number of processes must be at least 1');
    if (m.maxtasks === 0)
      return this.hub.fail(
        p,
        m.id,
        'ValueError',
        'maxtasksperchild must be a positive int or None',
      );
    if (!this.procs.mayHaveChildren(p, m.id, m.processes)) return;
    const { obj, name } = this.objects.identify('Pool', m.name);
    const pool: PoolState = {
      kind: 'pool',
      obj,
      name,
      ref: m.ref,
      owner: p,
      state: 'run',
      adopt: m.adopt === true,
      replacing: [],
      maxtasks: m.maxtasks,
      initializer: m.initializer,
      initargs: m.initargs ?? [],
      // The first worker's identity: the owner's, then the number it counts on from.
      identity: m.identity.slice(0, 31).slice(0, -1),
      nextNumber: m.identity[m.identity.length - 1] ?? 1,
      workers: new Map(),
      queue: [],
      idle: [],
      jobs: new Map(),
      resultWaits: [],
      joinWaits: [],
    };
    this.objects.add(m.ref, pool);
    const fields = { obj, name, processes: m.processes, maxtasks: m.maxtasks, site: m.site };
    if (m.maxtasks === undefined) delete fields.maxtasks;
    this.hub.rec.emit(p.index, 'pool.create', fields);
    if (!pool.adopt) for (let i = 0; i < m.processes; i++) this.#startWorker(pool);
    this.hub.reply(p, m.id, null);
  }

  /** The owner's `proc.adopt` with `pool`: may `owner` adopt a worker into pool `ref`? */
  mayAdopt(owner: ProcRec, id: number, ref: string): boolean {
    const pool = this.objects.get(ref);
    if (pool?.kind === 'pool') {
      const state = pool as PoolState;
      if (state.owner === owner && state.adopt && state.state !== 'terminate') return true;
    }
    this.hub.fail(
      owner,
      id,
      'TypeError',
      `proc.adopt: ${JSON.stringify(ref.slice(0, 40))} is not an adopting pool of this process`,
    );
    return false;
  }

  /** Child `c`, just adopted by the pool's owner, is a worker of pool `ref` (checked by mayAdopt). */
  adopted(c: ProcRec, ref: string): void {
    const pool = this.objects.get(ref) as PoolState;
    this.#poolOf.set(c, pool);
    pool.workers.set(c, 0);
    const replaces = pool.replacing.shift();
    if (replaces) pool.owner.startsAsked--;
    const fields = replaces ? { obj: pool.obj, replaces: replaces.index } : { obj: pool.obj };
    this.hub.rec.emit(c.index, 'pool.worker', fields);
  }

  #startWorker(pool: PoolState, replaces?: ProcRec): void {
    const identity = [...pool.identity, pool.nextNumber++];
    const name = `SpawnPoolWorker-${identity.join(':')}`;
    const role = { pool: pool.ref, target: pool.initializer, args: pool.initargs };
    if (role.target === undefined) delete role.target;
    const c = this.procs.startChild(pool.owner, name, true, identity, role);
    this.#poolOf.set(c, pool);
    pool.workers.set(c, 0);
    const worker = { ref: pool.ref, name: c.name, proc: c.index, pid: c.pid };
    send(pool.owner, { poolWorker: worker });
    const fields = replaces ? { obj: pool.obj, replaces: replaces.index } : { obj: pool.obj };
    this.hub.rec.emit(c.index, 'pool.worker', fields);
  }

  submit(p: ProcRec, m: LabMessageOf<'pool.submit'>, pool: PoolState): void {
    const { hub } = this;
    if (pool.state !== 'run') return hub.fail(p, m.id, 'ValueError', 'Pool not running');
    const calls = taskCalls(m.tasks);
    if (!calls)
      return hub.fail(p, m.id, 'TypeError', 'pool.submit: tasks must be lists of argument lists');
    if (pool.jobs.has(m.job)) return hub.fail(p, m.id, 'ValueError', `job ${m.job} exists already`);
    const job: PoolJob = {
      id: m.job,
      call: m.call,
      fn: m.fn,
      callable: m.callable,
      notify: m.notify === true,
      tasks: [],
      left: calls.length,
      firstError: null,
      finished: [],
      handedOut: 0,
    };
    for (const [index, c] of calls.entries())
      job.tasks.push({ job, index, calls: c, worker: null, outcome: null, lost: false });
    pool.jobs.set(m.job, job);
    const items = calls.reduce((n, c) => n + c.length, 0);
    hub.rec.emit(p.index, 'pool.submit', {
      obj: pool.obj,
      job: m.job,
      fn: m.fn,
      call: m.call,
      tasks: calls.length,
      items,
      site: m.site,
    });
    pool.queue.push(...job.tasks);
    hub.reply(p, m.id, null);
    this.#handOut(pool);
  }

  /** A worker asks for its next task: the oldest waiting one, else it waits (or exits). */
  next(p: ProcRec, m: LabMessageOf<'pool.next'>, pool: PoolState): void {
    const { hub } = this;
    const done = pool.workers.get(p);
    if (done === undefined) return hub.fail(p, m.id, 'TypeError', `not a worker of ${pool.name}`);
    if (pool.maxtasks !== undefined && done >= pool.maxtasks) {
      hub.rec.emit(p.index, 'pool.retire', { obj: pool.obj, tasks: done });
      return hub.reply(p, m.id, null);
    }
    const task = pool.queue.shift();
    if (task) return this.#give(pool, p, m.id, task);
    if (pool.state !== 'run') return hub.reply(p, m.id, null);
    const w = newWaiter(p, m.id, 'task', pool.obj, hub.rec.now());
    w.list = pool.idle;
    pool.idle.push(w);
    hub.blocked(w);
  }

  done(p: ProcRec, m: LabMessageOf<'pool.done'>, pool: PoolState): void {
    const task = pool.jobs.get(m.job)?.tasks[m.task];
    if (!task || task.worker !== p || task.outcome)
      return this.hub.fail(
        p,
        m.id,
        'TypeError',
        `task ${m.task} of job ${m.job} is not running here`,
      );
    task.outcome = m.ok
      ? { ok: true, value: m.value ?? [] }
      : { ok: false, error: m.error ?? { name: 'Error', message: 'the task failed' } };
    pool.workers.set(p, (pool.workers.get(p) ?? 0) + 1);
    const fields: EventFields['pool.done'] = { obj: pool.obj, job: m.job, task: m.task, ok: m.ok };
    if (task.outcome.ok) fields.value = preview(task.outcome.value.map(pickledAsRepr));
    else fields.error = `${task.outcome.error.name}: ${task.outcome.error.message}`.slice(0, 500);
    this.hub.rec.emit(p.index, 'pool.done', fields);
    this.results.finished(pool, task);
  }

  close(p: ProcRec, m: LabMessageOf<'pool.close'>, pool: PoolState): void {
    if (pool.state === 'run') {
      pool.state = 'close';
      this.hub.rec.emit(p.index, 'pool.close', { obj: pool.obj, site: m.site });
      this.#handOut(pool);
    }
    this.hub.reply(p, m.id, null);
  }

  /** Stops every worker now; answered once all have exited (as CPython's terminate() joins them). */
  terminate(p: ProcRec, m: LabMessageOf<'pool.terminate'>, pool: PoolState): void {
    pool.state = 'terminate';
    this.hub.rec.emit(p.index, 'pool.terminate', { obj: pool.obj, site: m.site });
    pool.queue.length = 0;
    // An owner asked for a new worker starts none once it has terminated the pool.
    pool.owner.startsAsked -= pool.replacing.length;
    pool.replacing.length = 0;
    for (const w of pool.workers.keys()) this.procs.kill(w, 'terminated');
    this.#waitForWorkers(p, m.id, pool, m.site, false);
  }

  join(p: ProcRec, m: LabMessageOf<'pool.join'>, pool: PoolState): void {
    if (pool.state === 'run') return this.hub.fail(p, m.id, 'ValueError', 'Pool is still running');
    this.hub.rec.emit(p.index, 'pool.join.wait', { obj: pool.obj, site: m.site });
    this.#waitForWorkers(p, m.id, pool, m.site, true);
  }

  #waitForWorkers(
    p: ProcRec,
    id: number,
    pool: PoolState,
    site: number | undefined,
    join: boolean,
  ): void {
    if (pool.workers.size === 0 && pool.replacing.length === 0) {
      if (join) this.hub.rec.emit(p.index, 'pool.join.done', { obj: pool.obj, site });
      return this.hub.reply(p, id, null);
    }
    const w = newWaiter(p, id, 'pooljoin', pool.obj, this.hub.rec.now(), undefined, site);
    w.index = join ? 1 : 0;
    w.list = pool.joinWaits;
    pool.joinWaits.push(w);
    this.hub.blocked(w);
  }

  /**
   * A process exited. A worker's running task is lost (its job never completes, as in CPython);
   * a running pool, or a closed one with tasks still queued, gets a new worker in its place.
   */
  exited(p: ProcRec): void {
    const pool = this.#poolOf.get(p);
    if (!pool) return;
    this.#poolOf.delete(p);
    pool.workers.delete(p);
    for (const job of pool.jobs.values())
      for (const t of job.tasks) if (t.worker === p && !t.outcome) t.lost = true;
    const needed = pool.state === 'run' || (pool.state === 'close' && pool.queue.length > 0);
    // An owner whose code has ended is letting its daemon workers go: none is replaced then.
    const owner = pool.owner;
    if (
      needed &&
      owner.alive &&
      owner.finishCode === null &&
      this.procs.mayHaveChildren(owner, 0)
    ) {
      if (!pool.adopt) this.#startWorker(pool, p);
      else {
        // The owner starts it (CPython's pool does, under the script's start method).
        pool.replacing.push(p);
        owner.startsAsked++;
        const ask = () => send(owner, { poolStart: { ref: pool.ref } });
        if (this.hub.sched.sendWhenStill) this.hub.sched.sendWhenStill(owner, ask);
        else ask();
      }
    }
    // A worker the owner was asked to start is on its way.
    if (pool.workers.size > 0 || pool.replacing.length > 0) return;
    for (const w of [...pool.joinWaits]) {
      dropWaiter(w);
      if (w.index === 1)
        this.hub.rec.emit(w.proc.index, 'pool.join.done', { obj: pool.obj, site: w.site });
      this.hub.reply(w.proc, w.id, null);
    }
  }

  /** Gives waiting tasks to idle workers (the scheduler picks which); after close(), idle workers exit. */
  #handOut(pool: PoolState): void {
    while (pool.queue.length > 0 && pool.idle.length > 0) {
      const w = pool.idle[this.hub.sched.choose(pool.idle)];
      dropWaiter(w);
      this.#give(pool, w.proc, w.id, pool.queue.shift()!);
    }
    if (pool.queue.length > 0 || pool.state === 'run') return;
    for (const w of [...pool.idle]) {
      dropWaiter(w);
      this.hub.reply(w.proc, w.id, null);
    }
  }

  #give(pool: PoolState, worker: ProcRec, id: number, task: PoolTask): void {
    task.worker = worker;
    const { job } = task;
    this.hub.rec.emit(worker.index, 'pool.start', {
      obj: pool.obj,
      job: job.id,
      task: task.index,
      items: task.calls.length,
    });
    const reply = { job: job.id, task: task.index, fn: job.fn, calls: task.calls };
    if (job.callable === undefined) return this.hub.reply(worker, id, reply);
    this.hub.reply(worker, id, { ...reply, callable: job.callable });
  }
}

/** A Python result that travels pickled shows as its repr (the rest as it is). */
function pickledAsRepr(v: Json): Json {
  const pickled = typeof v === 'object' && v !== null && !Array.isArray(v) && v.$cl === 'Pickle';
  return pickled ? preview(v) : v;
}

/** The tasks of a submit: a list of tasks, each a list of argument lists; null when malformed. */
function taskCalls(tasks: Json): Json[][][] | null {
  if (!Array.isArray(tasks)) return null;
  for (const t of tasks) {
    if (!Array.isArray(t)) return null;
    for (const args of t) if (!Array.isArray(args)) return null;
  }
  return tasks as Json[][][];
}
