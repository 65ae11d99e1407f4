/**
 * The lab wire's messages, each shape written once (their types and checks are in `lab.ts`, the
 * JSON Schema comes from here too; `docs/protocol.md` tells the whole exchange).
 */
import type { Shape } from './schema';
import { SHARED_OP_DEFINITIONS } from './sharedOps';
import { POOL_OP_DEFINITIONS } from './poolOps';
import { SYNC_OP_DEFINITIONS } from './syncOps';

/** Largest JSON text of a value a lab may put in a queue, pass as args or write to a file. */
export const MAX_VALUE_CHARS = 1_000_000;

/** One lab → runner operation: what it asks, how the runner answers, and its fields beyond `id` and `op`. */
export interface OpDefinition {
  readonly doc: string;
  /** The reply's `value`, or "notice" for an operation sent with id 0 and never answered. */
  readonly reply: string;
  readonly fields: Shape;
}

/** Lab → runner operations. `ref` names a Lock, Queue or shared file the way this process knows it. */
export const LAB_OP_DEFINITIONS = {
  sleep: {
    doc: "Sleep `sec` lab seconds (scaled by the run's speed). `at`: when the process called sleep, in ms on the machine's monotonic clock (CLOCK_MONOTONIC on Linux: Python's `time.monotonic() * 1000`); a real-time run counts the sleep from there, so the time the request spent on its way is not added. A request that took longer than its sleep finds it over. Without `at`, or when it lies in the future or more than 10 s back, the sleep counts from the request’s arrival.",
    reply: 'null, once the sleep is over',
    fields: { sec: 'num', 'at?': 'num' },
  },
  'lock.create': {
    doc: 'A new Lock (`recursive`: an RLock) known to this process as `ref`.',
    reply: 'notice',
    fields: { ref: 'str', 'name?': 'str', 'recursive?': 'bool' },
  },
  'lock.acquire': {
    doc: 'Acquire the lock, waiting when `block` (at most `timeoutSec` when given).',
    reply: 'true when acquired; false on a timeout or a non-blocking miss',
    fields: { ref: 'str', block: 'bool', 'timeoutSec?': 'num' },
  },
  'lock.release': {
    doc: 'Release the lock.',
    reply: 'null, or a ValueError when this process does not hold it; may be sent as a notice',
    fields: { ref: 'str' },
  },
  'queue.create': {
    doc: 'A new Queue (`joinable`: a JoinableQueue; `simple`: a SimpleQueue) of at most `maxsize` items (0: unbounded).',
    reply: 'notice',
    fields: { ref: 'str', maxsize: 'uint', joinable: 'bool', 'name?': 'str', 'simple?': 'bool' },
  },
  'queue.put': {
    doc: 'Put `value`, waiting for room when `block` (at most `timeoutSec` when given).',
    reply: 'null, or a Full error; a notice when the queue is unbounded',
    fields: { ref: 'str', value: 'json', block: 'bool', 'timeoutSec?': 'num' },
  },
  'queue.get': {
    doc: 'Get the front item, waiting for one when `block` (at most `timeoutSec` when given).',
    reply: "the item's value, or an Empty error",
    fields: { ref: 'str', block: 'bool', 'timeoutSec?': 'num' },
  },
  'queue.query': {
    doc: 'qsize(), empty() or full().',
    reply: 'a number (qsize) or a boolean (empty, full)',
    fields: { ref: 'str', what: { enum: ['qsize', 'empty', 'full'] } },
  },
  'queue.taskDone': {
    doc: 'task_done() on a JoinableQueue.',
    reply: 'null, or a ValueError when called more times than items were put',
    fields: { ref: 'str' },
  },
  'queue.join': {
    doc: 'join() on a JoinableQueue.',
    reply: 'null, once every item put has been marked done',
    fields: { ref: 'str' },
  },
  'queue.took': {
    doc: 'The holder of lease `gen` took its next `n` leased items, in order.',
    reply: 'notice',
    fields: { ref: 'str', gen: 'uint', n: 'uint' },
  },
  'file.create': {
    doc: "A shared JSON file `name` in the run's folder, created with `value` if new.",
    reply: 'notice',
    fields: { ref: 'str', name: 'str', value: 'json' },
  },
  'file.read': {
    doc: 'Permission to read the file; the lab then reads it itself and sends `file.didRead`.',
    reply: "the file's absolute path",
    fields: { ref: 'str' },
  },
  'file.write': {
    doc:
      'Permission to write the file; the lab then truncates it, writes it itself and sends ' +
      '`file.didWrite`. Under a controlled schedule it carries the `value` it will write when the ' +
      'lab knows it (so the pending step can say what) and asks `file.fill` between the truncate ' +
      'and the write.',
    reply: "the file's absolute path",
    fields: { ref: 'str', 'value?': 'json' },
  },
  'file.fill': {
    doc:
      'Controlled schedules only: the truncate of a granted write is done; may the write go on? ' +
      '`value`: what it will write, when `file.write` could not say (Python learns it only later).',
    reply: 'null',
    fields: { ref: 'str', 'value?': 'json' },
  },
  'file.didRead': {
    doc: 'What a granted read found: the parsed `value`, or the parse `error` and the `raw` text.',
    reply: 'notice',
    fields: { ref: 'str', 'value?': 'json', 'error?': 'str', 'raw?': 'str' },
  },
  'file.didWrite': {
    doc: 'What a granted write wrote.',
    reply: 'notice',
    fields: { ref: 'str', value: 'json' },
  },
  'proc.start': {
    doc: "Start a child running the lab module's export `target` with `args` (Python's `_identity` in `identity`).",
    reply: '{ "proc": index, "pid": OS pid }',
    fields: { target: 'str', args: 'json', name: 'str', daemon: 'bool', identity: 'int[]' },
  },
  'proc.adopt': {
    doc: "Python: this process started a child itself (multiprocessing's fork, spawn or forkserver), OS pid `pid`; the child attaches to the run by that pid (`attach`). Python's `_identity` in `identity`. `holds`: the ends of pipes the child holds from its start, each a Connection value (see Values and refs): under fork every end this process holds, under spawn and forkserver the ones pickled for the child. `pool`: the child is a worker of this process's Pool `pool` (created with `adopt`).",
    reply: '{ "proc": index, "pid": OS pid }',
    fields: {
      pid: 'uint',
      name: 'str',
      daemon: 'bool',
      identity: 'int[]',
      'holds?': 'json[]',
      'pool?': 'str',
    },
  },
  'proc.join': {
    doc: 'Wait for child `target` (a process index) to exit, at most `timeoutSec` when given.',
    reply: '{ "exitCode": number | null } (null: still running after the timeout)',
    fields: { target: 'uint', 'timeoutSec?': 'num' },
  },
  'proc.terminate': {
    doc: 'Terminate child `target` with `signal` (SIGTERM when absent; SIGKILL for kill()).',
    reply: 'null',
    fields: { target: 'uint', 'signal?': { enum: ['SIGTERM', 'SIGKILL'] } },
  },
  'proc.finish': {
    doc: 'The lab code of this process is over (`code` 0 or 1).',
    reply: 'null, once its children allow it to exit; the process then exits with `code`',
    fields: { code: 'int' },
  },
  log: { doc: 'What print() printed.', reply: 'notice', fields: { text: 'str' } },
  error: {
    doc: 'Lab code threw (or failed to load).',
    reply: 'notice',
    fields: { message: 'str', 'stack?': 'str', 'file?': 'str', 'line?': 'uint' },
  },
  site: {
    doc:
      'Announces call site `site` (required here: a number this process chooses, ≥ 1, and uses ' +
      'in the `site` field of later operations): line `line`, column `col` (both from 1) of the lab source ' +
      '`file` (an absolute path), inside function `fn` when it has a name. Sent once per site, ' +
      'before the first operation that names it.',
    reply: 'notice',
    fields: { file: 'str', line: 'uint', col: 'uint', 'fn?': 'str' },
  },
  hello: {
    doc: "Main process only: the loaded lab module's meta (`processes`: how many it will start; `judges`: the lab declares `outcome` or `check`, so the runner sends main a `judge` before it lets main exit).",
    reply: 'notice',
    fields: { lab: 'str', title: 'localized', 'processes?': 'uint', 'judges?': 'bool' },
  },
  ...SYNC_OP_DEFINITIONS,
  ...SHARED_OP_DEFINITIONS,
  ...POOL_OP_DEFINITIONS,
} as const satisfies Record<string, OpDefinition>;

/**
 * Fields every lab → runner operation has: `id` > 0 asks for a reply, 0 is a notice. `site`
 * names the line of lab code that made the call, as announced by an earlier `site` notice of the
 * same process; the runner puts it (as the run's id of that site) on the events the call makes.
 */
export const LAB_MESSAGE_HEADER = {
  id: 'uint',
  op: 'str',
  'site?': 'uint',
} as const satisfies Shape;

/** Runner → lab: how this process was started. */
export const LAB_INIT = {
  /** Process index: 0 = main, 1.. in spawn order. */
  proc: 'uint',
  name: 'str',
  daemon: 'bool',
  /** Python's `_identity`: main is [], its 2nd child [2], that child's 1st child [2, 1]. */
  identity: 'int[]',
  /** The process that started this one (Python's `parent_process()`); none for main. */
  'parent?': { object: { proc: 'uint', name: 'str', pid: 'int' } },
  /** Built-in lab id or absolute path of a lab file. */
  lab: 'str',
  /** Children: the export to call, and its encoded arguments. */
  'target?': 'str',
  'args?': 'json[]',
  /** A Pool's worker: the pool's ref (its `target`, when given, is the pool's initializer). */
  'pool?': 'str',
  seed: 'uint',
  speed: 'num',
  lang: { enum: ['en', 'zh-CN'] },
  /** The run's temp folder (shared files live here). */
  dir: 'str',
  /**
   * A controlled schedule runs this process: every synchronizing operation (a lock's release, a
   * put, a file write's fill) waits for the runner's go-ahead instead of going out as a notice.
   */
  'controlled?': 'bool',
  /**
   * The runner reuses this process (explore): once its `proc.finish` is answered it loads the lab
   * afresh and sends `ready` again instead of exiting (unless lab code left work of its own).
   */
  'recycle?': 'bool',
} as const satisfies Shape;

/** An error a request is rejected with: a Python exception's class name and its message. */
export const WIRE_ERROR = { name: 'str', message: 'str' } as const satisfies Shape;

/** Runner → lab messages, each told apart by its keys. */
export const TO_LAB_DEFINITIONS = {
  prepare: {
    doc: 'Sent first: load the lab module now, so the process is ready when it is given a role.',
    fields: { prepare: { object: { lab: 'str' } } },
  },
  init: {
    doc: 'Sent once: who this process is and what to run. A prepared spare may wait a while for it.',
    fields: { init: { object: LAB_INIT } },
  },
  resolve: {
    doc: 'The answer to request `id`.',
    fields: { id: 'uint', ok: 'true', value: 'json' },
  },
  reject: {
    doc: 'Request `id` failed with `err` (`id` 0: a notice was refused).',
    fields: { id: 'uint', ok: 'false', err: { object: WIRE_ERROR } },
  },
  exited: {
    doc: 'Child `exited` (a process index) of this process ended with `code` (-signal when killed, as in Python).',
    fields: { exited: 'uint', code: 'int' },
  },
  lease: {
    doc: "Queue lease: the next front items of queue `ref`, handed to their sole getter ahead of its get() calls (a new `gen` starts a new lease; `skip`: that many of them were given to the getter's pending get).",
    fields: { lease: { object: { ref: 'str', gen: 'uint', values: 'json[]', 'skip?': 'uint' } } },
  },
  poolWorker: {
    doc: "To a pool's owner: the runner started the pool's worker `name` (at the pool's start, or in place of one that retired or died) as process index `proc` with OS id `pid`. The worker is a child of the owner (Python's active_children() lists it).",
    fields: {
      poolWorker: { object: { ref: 'str', name: 'str', proc: 'uint', pid: 'uint' } },
    },
  },
  poolStart: {
    doc: "To the owner of a pool created with `adopt`: a worker exited while the pool still needs one (it runs, or it is closed with tasks left), so the owner starts a new worker, as CPython's pool does, and adopts it (`proc.adopt` with `pool`).",
    fields: { poolStart: { object: { ref: 'str' } } },
  },
  poolDone: {
    doc: "To a pool's owner, for a job it submitted with `notify`, when its last task is done (before the answer to any `pool.result` that this completes): `ok` with the results `value` in order, or the first `error` a task raised. The owner runs the job's callback with it (a job with no tasks never completes this way, as in CPython).",
    fields: {
      poolDone: {
        object: {
          ref: 'str',
          job: 'uint',
          ok: 'bool',
          'value?': 'json[]',
          'error?': { object: { ...WIRE_ERROR, 'value?': 'json' } },
        },
      },
    },
  },
  lockLost: {
    doc: 'Another process released the lock `lockLost` (its ref) that this process held, as `multiprocessing.Lock` allows.',
    fields: { lockLost: 'str' },
  },
  judge: {
    doc: "Main only, when its `hello` said `judges`, after its lab code ended and before its `proc.finish` is answered: the run's log so far (`events`, at most 200,000); answered by a `judged` control message.",
    fields: { judge: { object: { events: 'json[]' } } },
  },
  probe: {
    doc: 'Does the process have work of its own pending (timers, I/O, children)? Asked before a deadlock or hang is called; answered by a `loop` control message.',
    fields: { probe: 'uint' },
  },
} as const satisfies Record<string, { doc: string; fields: Shape }>;

/** Lab → runner control messages (not operations, never recorded): see `labControl.ts`. */
export const LAB_CONTROL_DEFINITIONS = {
  ready: {
    doc: 'The lab module has loaded (sent once, after `prepare`); main says how many processes the lab declares it will start.',
    fields: { ready: 'true', 'processes?': 'uint' },
  },
  recycled: {
    doc: 'With `init.recycle`: once its `proc.finish` is answered the process is done with the run (the runner records its exit now); it loads the lab afresh and says `ready` again when it has.',
    fields: { recycled: 'true' },
  },
  judged: {
    doc: "The answer to `judge`: the lab's `outcome(events)` (null when it declares none), `summary` when its `describe(outcome)` put it in words, and, when its `check(outcome)` returned a message, `failure`; `error` when any of them threw.",
    fields: {
      judged: {
        object: {
          'outcome?': 'json',
          'summary?': 'localized',
          'failure?': 'localized',
          'error?': 'str',
        },
      },
    },
  },
  loop: {
    doc: "The answer to probe `probe`: `busy` when the process has work of its own pending (timers, I/O, child processes: anything past the runtime's own), so it may still act by itself.",
    fields: { loop: { object: { probe: 'uint', busy: 'bool' } } },
  },
  attach: {
    doc: "Python: the first message on a connection to the run's socket, from a process that multiprocessing started; `pid` is the one its parent adopted (`proc.adopt`). The runner answers with `init`.",
    fields: { attach: { object: { pid: 'uint' } } },
  },
} as const satisfies Record<string, { doc: string; fields: Shape }>;
