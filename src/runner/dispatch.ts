/** Routes one validated lab request to the broker that handles it. */
import type { LabMessage } from '../protocol/lab';
import type { FileBroker, FileState } from './files';
import type { BrokerContext } from './brokerContext';
import type { ObjectTable } from './objectTable';
import type { LockBroker, LockState } from './locks';
import type { ProcBroker } from './procs';
import type { ProcRec } from './procRec';
import type { QueueBroker, QueueState } from './queues';
import { send } from './procRec';
import type { AnyObj } from './waitText';
import { dispatchSync, type SyncBrokers } from './syncDispatch';
import { dispatchShared, type SharedBrokers } from './sharedDispatch';
import { dispatchPool } from './poolDispatch';
import type { PoolBroker } from './pools';

export interface Brokers extends SyncBrokers, SharedBrokers {
  hub: BrokerContext;
  objects: ObjectTable<AnyObj>;
  locks: LockBroker;
  queues: QueueBroker;
  files: FileBroker;
  procs: ProcBroker;
  pools: PoolBroker;
  sleep(p: ProcRec, id: number, sec: number, site?: number, at?: number): void;
  log(p: ProcRec, text: string, site?: number): void;
  error(p: ProcRec, m: Extract<LabMessage, { op: 'error' }>): void;
  hello(p: ProcRec, m: Extract<LabMessage, { op: 'hello' }>): void;
  malformed(p: ProcRec, reason: string): void;
}

/**
 * A message the runner refused still gets its answer when it asked for one (an `id` > 0): the
 * caller's promise rejects with a TypeError that says why, so no call hangs on bad input.
 */
export function answerRefused(p: ProcRec, raw: unknown, reason: string): void {
  const id = (raw as { id?: unknown } | null)?.id;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) return;
  const message = `the runner refused this call: ${reason}`;
  send(p, { id, ok: false, err: { name: 'TypeError', message } });
}

const KIND_NAME = {
  lock: 'Lock',
  queue: 'Queue',
  file: 'shared file',
  sem: 'Semaphore',
  event: 'Event',
  cond: 'Condition',
  barrier: 'Barrier',
  value: 'Value or Array',
  pipe: 'Pipe',
  pool: 'Pool',
} as const;

function find<K extends AnyObj['kind']>(
  b: Brokers,
  p: ProcRec,
  id: number,
  ref: string,
  kind: K,
): Extract<AnyObj, { kind: K }> | null {
  const o = b.objects.get(ref);
  if (o && o.kind === kind) return o as Extract<AnyObj, { kind: K }>;
  b.hub.fail(
    p,
    id,
    'TypeError',
    `unknown ${KIND_NAME[kind]} reference ${JSON.stringify(ref.slice(0, 40))}`,
  );
  return null;
}

function creatable(b: Brokers, p: ProcRec, id: number, ref: string): boolean {
  if (b.objects.hasRef(ref)) {
    b.hub.fail(
      p,
      id,
      'ValueError',
      `reference ${JSON.stringify(ref.slice(0, 40))} is already in use`,
    );
    return false;
  }
  if (b.objects.full) {
    b.hub.fail(p, id, 'Error', 'too many locks, queues and files in one run');
    return false;
  }
  return true;
}

function refuse(b: Brokers, p: ProcRec, m: LabMessage, reason: string): void {
  b.malformed(p, reason);
  // A request counted in flight is answered through the hub, which keeps that count.
  if (m.id > 0) b.hub.fail(p, m.id, 'TypeError', `the runner refused this call: ${reason}`);
}

/**
 * The commonest operations by far (a lock's acquire and release, a queue's put and get), routed
 * before the other primitives' routes are tried; false for any other operation.
 */
function dispatchCommon(b: Brokers, p: ProcRec, m: LabMessage): boolean {
  let l: LockState | null, q: QueueState | null;
  switch (m.op) {
    case 'lock.acquire':
      if ((l = find(b, p, m.id, m.ref, 'lock'))) b.locks.acquire(p, m, l);
      return true;
    case 'lock.release':
      if ((l = find(b, p, m.id, m.ref, 'lock'))) b.locks.release(p, m, l);
      return true;
    case 'queue.put':
      if ((q = find(b, p, m.id, m.ref, 'queue'))) b.queues.put(p, m, q);
      return true;
    case 'queue.get':
      if ((q = find(b, p, m.id, m.ref, 'queue'))) b.queues.get(p, m, q);
      return true;
    default:
      return false;
  }
}

export function dispatch(b: Brokers, p: ProcRec, m: LabMessage): void {
  if (dispatchCommon(b, p, m)) return;
  const findObj = <K extends AnyObj['kind']>(ref: string, kind: K) => find(b, p, m.id, ref, kind);
  if (dispatchSync(b, p, m, findObj) || dispatchShared(b, p, m, findObj)) return;
  const poolOf = (ref: string) => find(b, p, m.id, ref, 'pool');
  const refused = (why: string) => b.hub.fail(p, m.id, 'TypeError', why);
  if (dispatchPool(b.pools, p, m, poolOf, refused)) return;
  let l: LockState | null, q: QueueState | null, f: FileState | null;
  switch (m.op) {
    case 'queue.query':
      if ((q = find(b, p, m.id, m.ref, 'queue'))) b.queues.query(p, m, q);
      return;
    case 'queue.taskDone':
      if ((q = find(b, p, m.id, m.ref, 'queue'))) b.queues.taskDone(p, m, q);
      return;
    case 'queue.join':
      if ((q = find(b, p, m.id, m.ref, 'queue'))) b.queues.join(p, m, q);
      return;
    case 'queue.took':
      if ((q = find(b, p, m.id, m.ref, 'queue'))) b.queues.took(p, m, q);
      return;
    case 'sleep':
      return b.sleep(p, m.id, m.sec, m.site, m.at);
    case 'log':
      return b.log(p, m.text, m.site);
    case 'file.read':
    case 'file.write':
      if ((f = find(b, p, m.id, m.ref, 'file'))) b.files.grant(p, m.id, f);
      return;
    case 'file.fill':
      if ((f = find(b, p, m.id, m.ref, 'file'))) b.files.fill(p, m.id, f);
      return;
    case 'file.didRead':
      if ((f = find(b, p, m.id, m.ref, 'file')) && !b.files.didRead(p, m, f))
        refuse(b, p, m, 'file.didRead without a granted read');
      return;
    case 'file.didWrite':
      if ((f = find(b, p, m.id, m.ref, 'file')) && !b.files.didWrite(p, m, f))
        refuse(b, p, m, 'file.didWrite without a granted write');
      return;
    case 'lock.create':
      if (creatable(b, p, m.id, m.ref)) b.locks.create(p, m);
      return;
    case 'queue.create':
      if (creatable(b, p, m.id, m.ref)) b.queues.create(p, m);
      return;
    case 'file.create':
      if (creatable(b, p, m.id, m.ref)) b.files.create(p, m);
      return;
    case 'sem.create':
      if (creatable(b, p, m.id, m.ref)) b.sems.create(p, m);
      return;
    case 'event.create':
      if (creatable(b, p, m.id, m.ref)) b.flags.create(p, m);
      return;
    case 'cond.create':
      if (creatable(b, p, m.id, m.ref) && (l = find(b, p, m.id, m.lock, 'lock')))
        b.conds.create(p, m, l);
      return;
    case 'barrier.create':
      if (creatable(b, p, m.id, m.ref)) b.barriers.create(p, m);
      return;
    case 'value.create':
      if (!creatable(b, p, m.id, m.ref)) return;
      if (m.lock === undefined) return b.values.create(p, m, null);
      if ((l = find(b, p, m.id, m.lock, 'lock'))) b.values.create(p, m, l);
      return;
    case 'pipe.create':
      if (creatable(b, p, m.id, m.ref)) b.pipes.create(p, m);
      return;
    case 'pool.create':
      if (creatable(b, p, m.id, m.ref)) b.pools.create(p, m);
      return;
    case 'proc.start': {
      const child = b.procs.start(p, m);
      if (child) b.pipes.inherit(child, m.args);
      return;
    }
    case 'proc.adopt': {
      if (m.pool !== undefined && !b.pools.mayAdopt(p, m.id, m.pool)) return;
      const child = b.procs.adopt(p, m);
      if (child && m.holds) b.pipes.inherit(child, m.holds);
      if (child && m.pool !== undefined) b.pools.adopted(child, m.pool);
      return;
    }
    case 'proc.join':
      return b.procs.join(p, m);
    case 'proc.terminate':
      return b.procs.terminate(p, m);
    case 'proc.finish':
      return b.procs.finish(p, m);
    case 'error':
      return b.error(p, m);
    case 'hello':
      return b.hello(p, m);
  }
}
