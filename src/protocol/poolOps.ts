/**
 * The lab wire's operations of a Pool (Python's multiprocessing.Pool). The pool's owner creates
 * it, submits jobs and waits for their results; its workers (children of the owner that the
 * runner starts for the pool) ask for tasks and report each one done. A job is one call of
 * apply/map/starmap/imap; a task is one chunk of a job, run by one worker.
 */
import type { OpDefinition } from './labOps';

/** Which call submitted a job. */
export const POOL_JOB_KINDS = ['apply', 'map', 'starmap', 'imap', 'imapUnordered'] as const;

/** What a `pool.result` waits for: get() takes the result, wait() waits for it, peek asks. */
export const POOL_RESULT_MODES = ['get', 'wait', 'peek'] as const;

const REF = { ref: 'str' } as const;

/** A task's error: its name and message, and (Python) the exception itself as a value. */
export const POOL_ERROR = { name: 'str', message: 'str', 'value?': 'json' } as const;

export const POOL_OP_DEFINITIONS = {
  'pool.create': {
    doc: "A new Pool of `processes` workers, which the runner starts as daemon children of this process, named SpawnPoolWorker-N as CPython names them under the spawn start method (`identity`: Python's `_identity` of the first worker, the owner's own followed by its count of children so far plus one; later workers count on from it); each first runs the export `initializer` with `initargs`, and, with `maxtasks`, is replaced by a new worker after that many tasks. With `adopt` (Python) the owner starts the workers itself, under its own start method, and adopts each with `proc.adopt` naming the pool in `pool`; the runner then starts none, `identity`, `initializer` and `initargs` are not used, and it asks the owner for a new worker with `poolStart` where it would start one.",
    reply: 'null once the workers are started, or an error (the run has no room for them)',
    fields: {
      ref: 'str',
      processes: 'uint',
      identity: 'int[]',
      'maxtasks?': 'uint',
      'initializer?': 'str',
      'initargs?': 'json[]',
      'name?': 'str',
      'adopt?': 'true',
    },
  },
  'pool.submit': {
    doc: 'Job `job` (numbered by the owner, from 1): the export `fn` called once per argument list of `tasks`, an array of tasks, each an array of argument lists (a chunk of a map). With `notify` (the owner has a `callback` or `errorCallback` for it), the runner sends the owner `poolDone` when the last task of the job is done. `callable` (Python): the function itself as a value (a Pickle, see Values and refs), handed to the worker with each task; `fn` is then only its name for the timeline.',
    reply: 'null, or a ValueError when the pool is not running',
    fields: {
      ref: 'str',
      job: 'uint',
      fn: 'str',
      call: { enum: POOL_JOB_KINDS },
      tasks: 'json',
      'notify?': 'true',
      'callable?': 'json',
    },
  },
  'pool.next': {
    doc: "A worker's request for its next task.",
    reply:
      '{ "job", "task", "fn", "calls": argument lists, "callable" when the job has one }, or null when the worker is to exit (the pool is closed and no task is left, or it did its `maxtasks`)',
    fields: REF,
  },
  'pool.done': {
    doc: "A worker finished task `task` of job `job`: `ok` with the results `value` (one per call), or the `error` it raised (`value`, Python: the exception itself as a value, which the owner's get() raises).",
    reply: 'notice',
    fields: {
      ref: 'str',
      job: 'uint',
      task: 'uint',
      ok: 'bool',
      'value?': 'json[]',
      'error?': { object: POOL_ERROR },
    },
  },
  'pool.result': {
    doc: 'The owner waits for job `job` (only its task `task` when given: imap; the next task it has not had yet when `unordered`: imap_unordered), at most `timeoutSec` when given. `mode` get takes the result, wait only waits, peek does not wait (ready()).',
    reply:
      '{ "done": false } when the time ran out, else { "done": true, "ok": true, "value": results in order } or { "done": true, "ok": false, "error": the first error a task raised }',
    fields: {
      ref: 'str',
      job: 'uint',
      mode: { enum: POOL_RESULT_MODES },
      'task?': 'uint',
      'unordered?': 'bool',
      'timeoutSec?': 'num',
    },
  },
  'pool.close': {
    doc: 'close(): no more jobs; each worker exits once no task is left.',
    reply: 'null',
    fields: REF,
  },
  'pool.terminate': {
    doc: 'terminate(): stop every worker now, whatever it is doing.',
    reply: 'null once every worker has exited',
    fields: REF,
  },
  'pool.join': {
    doc: 'join(): wait for every worker to exit (after close() or terminate()).',
    reply: 'null, or a ValueError while the pool is still running',
    fields: REF,
  },
} as const satisfies Record<string, OpDefinition>;
