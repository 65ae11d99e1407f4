/**
 * Event kinds of a Pool: its workers, each job and each task from submit to result. A task is
 * named by its job and its index in the job; `proc` is the owner, or the worker that runs it.
 */
import { AT_SITE } from './atSite';
import type { KindDefinition } from './events';
import { POOL_JOB_KINDS } from './poolOps';

const OBJ = { obj: 'uint', ...AT_SITE } as const;

export const POOL_EVENT_DEFINITIONS = {
  'pool.create': {
    doc: 'A Pool of `processes` workers was created (`maxtasks`: each worker is replaced after that many tasks).',
    fields: { obj: 'uint', name: 'str', processes: 'uint', 'maxtasks?': 'uint', ...AT_SITE },
  },
  'pool.worker': {
    doc: '`proc` (just spawned) is a worker of the pool; `replaces`: the worker it took over from.',
    fields: { obj: 'uint', 'replaces?': 'uint' },
  },
  'pool.submit': {
    doc: '`proc` submitted job `job` (by `call`): `fn` over `items` argument lists, split into `tasks` tasks.',
    fields: {
      obj: 'uint',
      job: 'uint',
      fn: 'str',
      call: { enum: POOL_JOB_KINDS },
      tasks: 'uint',
      items: 'uint',
      ...AT_SITE,
    },
  },
  'pool.start': {
    doc: 'Worker `proc` took task `task` of job `job` (`items` calls).',
    fields: { obj: 'uint', job: 'uint', task: 'uint', items: 'uint' },
  },
  'pool.done': {
    doc: 'Worker `proc` finished task `task` of job `job`: `ok` with its results `value` (one per call; a preview when large), or the `error` it raised.',
    fields: {
      obj: 'uint',
      job: 'uint',
      task: 'uint',
      ok: 'bool',
      'value?': 'json',
      'error?': 'str',
    },
  },
  'pool.retire': {
    doc: 'Worker `proc` did its `tasks` tasks (maxtasksperchild) and exits; the pool replaces it.',
    fields: { obj: 'uint', tasks: 'uint' },
  },
  'pool.wait': {
    doc: '`proc` waits for the result of job `job` (of its task `task` when given), in get() or wait().',
    fields: { obj: 'uint', job: 'uint', 'task?': 'uint', 'timeoutSec?': 'num', ...AT_SITE },
  },
  'pool.result': {
    doc: "The wait for job `job` ended after `waitedUs`: `delivered` the result to get() (`ok`: a value, else the task's error is raised), or it ended without (`timedOut`, or wait()).",
    fields: {
      obj: 'uint',
      job: 'uint',
      'task?': 'uint',
      ok: 'bool',
      delivered: 'bool',
      'timedOut?': 'bool',
      waitedUs: 'uint',
      ...AT_SITE,
    },
  },
  'pool.close': { doc: 'close(): the pool takes no more jobs.', fields: OBJ },
  'pool.terminate': { doc: 'terminate(): every worker is stopped.', fields: OBJ },
  'pool.join.wait': { doc: '`proc` waits in join() for every worker to exit.', fields: OBJ },
  'pool.join.done': { doc: 'Every worker has exited: join() returns.', fields: OBJ },
} as const satisfies Record<string, KindDefinition>;
