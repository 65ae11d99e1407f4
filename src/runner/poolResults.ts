/**
 * The owner's side of a Pool's results: get() and wait() on a job (AsyncResult), on one task of
 * it (imap, in order) or on the next task to finish (imap_unordered); ready() only asks.
 */
import type { Json } from '../protocol/events';
import type { LabMessageOf } from '../protocol/lab';
import type { BrokerContext } from './brokerContext';
import type { PoolJob, PoolState, PoolTask } from './poolState';
import type { ProcRec } from './procRec';
import { send } from './procRec';
import { dropWaiter, newWaiter, type PoolWaitFor } from './waiter';

/** A result as the owner gets it, or null while it is not there. */
type Reply = { done: true; ok: boolean; value?: Json[]; error?: Json } | null;

function taskReply(t: PoolTask): Reply {
  if (!t.outcome) return null;
  return t.outcome.ok
    ? { done: true, ok: true, value: t.outcome.value }
    : { done: true, ok: false, error: t.outcome.error };
}

function jobReply(job: PoolJob): Reply {
  if (job.left > 0) return null;
  if (job.firstError) return { done: true, ok: false, error: job.firstError };
  return {
    done: true,
    ok: true,
    value: job.tasks.flatMap((t) => (t.outcome?.ok ? t.outcome.value : [])),
  };
}

/** What `want` gets now, if it is there; an unordered get takes the task it returns. */
function available(job: PoolJob, want: PoolWaitFor, take: boolean): Reply {
  if (want.task !== undefined) return taskReply(job.tasks[want.task]);
  if (!want.unordered) return jobReply(job);
  const t = job.finished[job.handedOut];
  if (!t) return null;
  if (take) job.handedOut++;
  return taskReply(t);
}

export class PoolResults {
  constructor(private readonly hub: BrokerContext) {}

  result(p: ProcRec, m: LabMessageOf<'pool.result'>, pool: PoolState): void {
    const { hub } = this;
    const job = pool.jobs.get(m.job);
    if (!job) return hub.fail(p, m.id, 'ValueError', `${pool.name} has no job ${m.job}`);
    if (m.task !== undefined && m.task >= job.tasks.length)
      return hub.fail(p, m.id, 'ValueError', `job ${m.job} has no task ${m.task}`);
    if (m.mode === 'peek') {
      const want = { job: job.id, task: m.task, mode: 'wait' as const };
      return hub.reply(p, m.id, available(job, want, false) ?? { done: false });
    }
    const want: PoolWaitFor = { job: job.id, mode: m.mode };
    if (m.task !== undefined) want.task = m.task;
    if (m.unordered) want.unordered = true;
    const wait = {
      obj: pool.obj,
      job: job.id,
      task: m.task,
      timeoutSec: m.timeoutSec,
      site: m.site,
    };
    if (wait.task === undefined) delete wait.task;
    if (wait.timeoutSec === undefined) delete wait.timeoutSec;
    hub.rec.emit(p.index, 'pool.wait', wait);
    const now = available(job, want, m.mode === 'get');
    if (now) return this.#deliver(p, m.id, pool, want, now, 0, m.site);
    if (m.timeoutSec === 0) return this.#timedOut(p, m.id, pool, want, 0, m.site);
    const w = newWaiter(p, m.id, 'result', pool.obj, hub.rec.now(), undefined, m.site);
    w.poolWait = want;
    w.list = pool.resultWaits;
    pool.resultWaits.push(w);
    if (m.timeoutSec === undefined) return hub.blocked(w);
    w.timer = hub.sched.after(m.timeoutSec, () => {
      w.timer = null;
      dropWaiter(w);
      this.#timedOut(p, w.id, pool, want, hub.rec.now() - w.since, w.site);
    });
  }

  /** Task `task` of `pool` is done: the waits it ends get their answer, oldest first. */
  finished(pool: PoolState, task: PoolTask): void {
    const { job } = task;
    job.left--;
    job.finished.push(task);
    if (task.outcome?.ok === false) job.firstError ??= task.outcome.error;
    // The callback runs before get() returns (CPython calls it before it sets the result's event):
    // poolDone leaves before the answers this task brings.
    if (job.notify && job.left === 0) this.#notify(pool, job);
    for (const w of [...pool.resultWaits]) {
      const want = w.poolWait;
      if (!want || want.job !== job.id) continue;
      const now = available(job, want, want.mode === 'get');
      if (!now) continue;
      dropWaiter(w);
      this.#deliver(w.proc, w.id, pool, want, now, this.hub.rec.now() - w.since, w.site);
    }
  }

  #notify(pool: PoolState, job: PoolJob): void {
    const reply = jobReply(job);
    if (!reply) return;
    const done = reply.ok
      ? { ref: pool.ref, job: job.id, ok: true, value: reply.value }
      : { ref: pool.ref, job: job.id, ok: false, error: reply.error };
    send(pool.owner, { poolDone: done });
  }

  #deliver(
    p: ProcRec,
    id: number,
    pool: PoolState,
    want: PoolWaitFor,
    reply: NonNullable<Reply>,
    waitedUs: number,
    site: number | undefined,
  ): void {
    this.#ended(p, pool, want, { ok: reply.ok, delivered: want.mode === 'get' }, waitedUs, site);
    this.hub.reply(p, id, reply);
  }

  #timedOut(
    p: ProcRec,
    id: number,
    pool: PoolState,
    want: PoolWaitFor,
    waitedUs: number,
    site: number | undefined,
  ): void {
    this.#ended(p, pool, want, { ok: false, delivered: false, timedOut: true }, waitedUs, site);
    this.hub.reply(p, id, { done: false });
  }

  #ended(
    p: ProcRec,
    pool: PoolState,
    want: PoolWaitFor,
    how: { ok: boolean; delivered: boolean; timedOut?: boolean },
    waitedUs: number,
    site: number | undefined,
  ): void {
    const fields = {
      obj: pool.obj,
      job: want.job,
      task: want.task,
      ...how,
      waitedUs: Math.max(0, Math.round(waitedUs)),
      site,
    };
    if (fields.task === undefined) delete fields.task;
    this.hub.rec.emit(p.index, 'pool.result', fields);
  }
}
