/**
 * The lab process's link to its runner: who this process is (set once by the labhost) and the
 * request/reply channel every brokered operation goes through. Nothing here runs on import.
 */
import type { Json } from '../protocol/events';
import type { LabInit, LabMessage, ToLab, WireError } from '../protocol/lab';
import { callSite, type SiteAnnouncement } from './callSite';
import { errorFromWire } from './errors';
import { atEndOfTurn, takeMarkedSite } from './siteSlot';

/** What a lab module looks like to the runtime (`import * as m`). */
export type LoadedModule = Record<string, unknown>;

/** A pool job's result, pushed by the runner (`poolDone`) for the job's callbacks. */
export type PoolDone = Extract<ToLab, { poolDone: unknown }>['poolDone'];
/** A pool worker the runner started for this process (`poolWorker`). */
export type PoolWorkerStarted = Extract<ToLab, { poolWorker: unknown }>['poolWorker'];

/**
 * What a request's answer settles: the caller's promise, or (an acquire) an object that does its
 * own bookkeeping and settles the caller's promise with no promise layer in between.
 */
export interface Pending {
  resolve(v: Json): void;
  reject(e: Error): void;
}

/** Whether this process holds one lock (`LabContext.held`). */
export interface HeldFlag {
  held: boolean;
}

export interface LabContext {
  init: LabInit;
  module: LoadedModule;
  /** Sends a message or a batch; a batch's array is reused once this returns (not kept). */
  send: (msg: LabMessage | LabMessage[]) => void;
  /**
   * Whether this process holds the lock of each ref (acquired, not yet released): its release
   * then needs no round trip. One flag per ref, shared by every Lock object of that ref here, so
   * an acquire and a release flip it rather than fill and empty a set (which makes its table
   * anew each time).
   */
  held: Map<string, HeldFlag>;
  /** Exit codes of this process's children, pushed by the runner as they exit. */
  onChildExit: Map<number, (code: number) => void>;
  /** The callbacks of this process's pool jobs (by `ref:job`), until the runner pushes the result. */
  onPoolDone: Map<string, (done: PoolDone) => void>;
  /** Set by the first Pool this process makes (process.ts keeps its workers). */
  onPoolWorker: (worker: PoolWorkerStarted) => void;
  nextObj: number;
  /** Children created so far: Python's per-process counter behind Process-1, Process-2, … */
  childCounter: number;
}

let current: LabContext | null = null;
/**
 * The requests waiting for their answers. Nearly always one waits at a time (a lab loop's
 * acquire): it takes the slot, which costs no hashing; others wait in the map.
 */
let slotId = 0;
let slot: Pending | null = null;
const pending = new Map<number, Pending>();
let nextId = 1;

function addPending(id: number, p: Pending): void {
  if (slotId === 0) {
    slotId = id;
    slot = p;
  } else pending.set(id, p);
}

/** The request `id` waiting for its answer, no longer waiting; undefined when none is. */
function takePending(id: number): Pending | undefined {
  if (id === slotId) {
    const p = slot as Pending;
    slotId = 0;
    slot = null;
    return p;
  }
  const p = pending.get(id);
  if (p !== undefined) pending.delete(id);
  return p;
}
/**
 * Most notices sent in one frame (the runner takes up to 1000): a burst of puts costs one write,
 * and one wake-up of the runner, per this many.
 */
const MAX_BATCH = 1000;

export const NOT_IN_LAB =
  'concurrency-labs: this works only inside a lab process started by the runner ' +
  '(run the lab with the CLI or the VS Code extension)';

/** Set by the labhost while it imports the lab module (before the process has its role). */
let importing = false;

export function setImporting(on: boolean): void {
  importing = on;
}

export function ctx(): LabContext {
  if (!current) {
    throw new Error(
      importing
        ? 'concurrency-labs: create locks, queues, files and processes inside main() or a target function, not at the top level of the lab file'
        : NOT_IN_LAB,
    );
  }
  return current;
}

export function setContext(
  init: LabInit,
  module: LoadedModule,
  send: (msg: LabMessage | LabMessage[]) => void,
): LabContext {
  current = {
    init,
    module,
    send,
    held: new Map(),
    onChildExit: new Map(),
    onPoolDone: new Map(),
    onPoolWorker: () => undefined,
    nextObj: 0,
    childCounter: 0,
  };
  return current;
}

/**
 * Whether a controlled schedule runs this process: then every synchronizing operation waits
 * for the runner's go-ahead (a request), where realtime sends some as notices.
 */
export function controlled(): boolean {
  return current?.init.controlled === true;
}

/** A new run-unique reference for a primitive created in this process. */
export function newRef(): string {
  const c = ctx();
  return `${c.init.proc}:${++c.nextObj}`;
}

/**
 * Notices wait for the end of the tick (or the next request) and leave together in one frame:
 * a release followed by an acquire, or a burst of puts, costs one write, not many.
 */
let queued: LabMessage[] = [];
/** The array `queued` takes turns with: a flush sends one while the other fills (none made per flush). */
let spare: LabMessage[] = [];
let flushTimer: NodeJS.Immediate | null = null;
/**
 * Microtask turns a `notifySoon` notice waits for a request to leave with it: enough for the
 * next acquire of `await lock.release(); await lock.acquire()` (one turn), of a loop of
 * `withLock` or of an async helper that releases (two or three turns).
 */
const SOON_TURNS = 4;
/** Turns the queued notices still wait for a request (0: none of them was sent soon). */
let hopsLeft = 0;
let hopQueued = false;
/**
 * Under a controlled schedule a pushed result waits for this process's next answer: a push comes
 * at no scheduling point, and a callback must run (and send) only while the process has its turn.
 */
let poolDoneLater: PoolDone[] = [];

/**
 * Forgets the finished run (the process is reused for the next one): its identity, the requests
 * it still waited on (never answered now) and the notices not sent.
 */
export function resetContext(): void {
  current = null;
  pending.clear();
  slotId = 0;
  slot = null;
  queued = [];
  spare = [];
  poolDoneLater = [];
  if (flushTimer) clearImmediate(flushTimer);
  flushTimer = null;
  hopsLeft = 0;
}

/** Sends the queued notices now (before exiting, or before a message sent around this channel). */
export function flushNotices(): void {
  if (flushTimer) {
    clearImmediate(flushTimer);
    flushTimer = null;
  }
  hopsLeft = 0;
  if (queued.length === 0 || !current) return;
  const batch = queued;
  queued = spare;
  spare = batch;
  try {
    current.send(batch.length === 1 ? batch[0] : batch);
  } finally {
    batch.length = 0;
  }
}

/** Operations no line of lab code makes: the runtime's own. */
const withoutSite = (op: string): boolean =>
  // Compared one by one: cheaper than a set's lookup, on every message.
  op === 'site' || op === 'hello' || op === 'error' || op === 'proc.finish';

/**
 * A place's first use queues its `site` notice straight behind the notices before it, not
 * through notify(): the hot path of every call (notify, withSite and the API method V8 inlines
 * them into) then never meets this message's shape, so a loop that reaches a line not used
 * before does not throw that optimized code away to be compiled again.
 */
const announceSite = (a: SiteAnnouncement): void => {
  ctx();
  const msg: LabMessage = {
    id: 0,
    op: 'site',
    site: a.site,
    file: a.file,
    line: a.line,
    col: a.col,
  };
  if (a.fn !== undefined) msg.fn = a.fn;
  queue(msg);
};

/**
 * Every message a lab call sends names the call's site, unless it was given one (a file's
 * didRead names its read's): the one place that is done, so every operation has it. The site
 * marked by the calling module (siteSlot.ts) costs nothing; only without one is the stack read.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
function withSite(msg: LabMessage, sender: Function): void {
  if (msg.site !== undefined || withoutSite(msg.op)) return;
  const site = takeMarkedSite(announceSite) ?? callSite(sender, announceSite);
  if (site !== undefined) msg.site = site;
}

/**
 * The site of the lab code calling the runtime now (undefined: none, or sites are off); `from`:
 * the runtime function on the stack the search starts below, when the call was not marked.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function siteOfCall(from: Function): number | undefined {
  return takeMarkedSite(announceSite) ?? callSite(from, announceSite);
}

/**
 * Sends a request and resolves with the runner's reply. `msg.id` is filled in here, and
 * `msg.site` when lab code made the call.
 */
export function request(msg: LabMessage): Promise<Json> {
  const c = ctx();
  withSite(msg, request);
  return new Promise<Json>((resolve, reject) => sendRequest(c, msg, { resolve, reject }));
}

/**
 * As `request`, but the answer goes to `answer` (the caller makes its own promise): throws where
 * `request` would reject.
 */
export function requestFor(msg: LabMessage, answer: Pending): void {
  const c = ctx();
  withSite(msg, requestFor);
  sendRequest(c, msg, answer);
}

function sendRequest(c: LabContext, msg: LabMessage, answer: Pending): void {
  const id = nextId++;
  msg.id = id;
  addPending(id, answer);
  if (c.init.controlled) {
    // Under a controlled schedule the requests made in one turn leave together, so the runner
    // sees them all before it decides (a Promise.all of starts is one point, not a race).
    queued.push(msg);
    flushTimer ??= setImmediate(flushNotices);
  } else if (queued.length === 0) {
    c.send(msg);
  } else {
    queued.push(msg);
    flushNotices();
  }
}

/** Whether requests or notices wait to leave at the end of this turn. */
export function hasQueuedMessages(): boolean {
  return queued.length > 0;
}

/** The notice that leaves last in the next message, if any: a later one may be merged into it. */
export function lastQueuedNotice(): LabMessage | undefined {
  return queued[queued.length - 1];
}

/** Sends a notice (no reply unless the runner refuses it). */
export function notify(msg: LabMessage): void {
  ctx();
  withSite(msg, notify);
  msg.id = 0;
  queue(msg);
}

function queue(msg: LabMessage): void {
  queued.push(msg);
  if (queued.length >= MAX_BATCH) flushNotices();
  else flushTimer ??= setImmediate(flushNotices);
}

/**
 * Sends a notice that should leave soon, but preferably with the request that follows it (a
 * lock's release and the next acquire, one write and one wake-up of the runner): it leaves
 * with the next request made within a few microtask turns, or alone once they have passed.
 * That is never later than notify()'s end of the loop's turn, and it costs no Immediate (an
 * object and two calls into the loop to make and clear one).
 */
export function notifySoon(msg: LabMessage): void {
  ctx();
  withSite(msg, notifySoon);
  msg.id = 0;
  queued.push(msg);
  if (queued.length >= MAX_BATCH) return flushNotices();
  hopsLeft = SOON_TURNS;
  if (!hopQueued) {
    hopQueued = true;
    atEndOfTurn(hop);
  }
}

function hop(): void {
  hopQueued = false;
  // Left with a request meanwhile (or the run was reset): nothing to wait for.
  if (hopsLeft === 0 || queued.length === 0) return;
  if (--hopsLeft > 0) {
    hopQueued = true;
    atEndOfTurn(hop);
  } else flushNotices();
}

/** Handles one runner → lab message other than `init`. */
export function receive(msg: ToLab): void {
  if ('exited' in msg) {
    current?.onChildExit.get(msg.exited)?.(msg.code);
    return;
  }
  if ('lockLost' in msg) {
    // Another process released a lock this one held: our own release must now ask the runner.
    const flag = current?.held.get(msg.lockLost);
    if (flag) flag.held = false;
    return;
  }
  if ('poolWorker' in msg) {
    current?.onPoolWorker(msg.poolWorker);
    return;
  }
  if ('poolDone' in msg) {
    if (current?.init.controlled) poolDoneLater.push(msg.poolDone);
    else runPoolDone(msg.poolDone);
    return;
  }
  if (!('id' in msg)) return;
  if (msg.ok) return receiveAnswer(msg.id, msg.value);
  runPoolDoneLater();
  // A refused notice (e.g. releasing a lock someone else had released): raise it like an uncaught error.
  if (msg.id === 0) return throwLater(msg.err);
  takePending(msg.id)?.reject(errorFromWire(msg.err));
}

/** Request `id` succeeded with `value` (a short reply frame comes here straight from the wire). */
export function receiveAnswer(id: number, value: Json): void {
  if (poolDoneLater.length > 0) runPoolDoneLater();
  if (id === 0) return;
  takePending(id)?.resolve(value);
}

/** The pool results pushed while a controlled schedule held them back: this answer lets them run. */
function runPoolDoneLater(): void {
  if (poolDoneLater.length === 0) return;
  const later = poolDoneLater;
  poolDoneLater = [];
  later.forEach(runPoolDone);
}

/** Runs the callbacks of a pool job once: the runner pushes each job's result at most once. */
function runPoolDone(done: PoolDone): void {
  const key = `${done.ref}:${done.job}`;
  const handler = current?.onPoolDone.get(key);
  current?.onPoolDone.delete(key);
  handler?.(done);
}

function throwLater(err: WireError): void {
  process.nextTick(() => {
    throw errorFromWire(err);
  });
}
