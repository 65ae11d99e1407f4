/**
 * Event kinds of the synchronization primitives beyond Lock and Queue (an RLock records the Lock
 * kinds, plus `lock.depth` for what its owner does while it holds it).
 */
import { AT_SITE } from './atSite';
import type { KindDefinition } from './events';

const OBJ = { obj: 'uint', ...AT_SITE } as const;

/** Why a Barrier broke. */
export const BARRIER_BREAKS = ['timeout', 'abort', 'reset', 'action'] as const;

export const SYNC_EVENT_DEFINITIONS = {
  'lock.depth': {
    doc: "An RLock's owner acquired it again, or released one of its levels; `depth` is the level after.",
    fields: { obj: 'uint', depth: 'uint', ...AT_SITE },
  },
  'sem.create': {
    doc: 'A Semaphore (`bounded`: a BoundedSemaphore) was created with counter `value`.',
    fields: { obj: 'uint', name: 'str', value: 'uint', bounded: 'bool', ...AT_SITE },
  },
  'sem.request': {
    doc: '`proc` asked to acquire the semaphore.',
    fields: { obj: 'uint', block: 'bool', 'timeoutSec?': 'num', ...AT_SITE },
  },
  'sem.acquire': {
    doc: '`proc` acquired after waiting `waitedUs`; `value` is the counter after.',
    fields: { obj: 'uint', waitedUs: 'uint', value: 'uint', ...AT_SITE },
  },
  'sem.release': {
    doc: '`proc` released; `value` is the counter after (a unit handed to a waiter is not counted).',
    fields: { obj: 'uint', value: 'uint', ...AT_SITE },
  },
  'sem.timeout': { doc: 'An acquire gave up (timeout, or non-blocking at 0).', fields: OBJ },
  'event.create': {
    doc: 'An Event was created (clear).',
    fields: { obj: 'uint', name: 'str', ...AT_SITE },
  },
  'event.set': {
    doc: 'The flag was set; `woke` are the processes whose wait it ended.',
    fields: { obj: 'uint', woke: 'int[]', ...AT_SITE },
  },
  'event.clear': { doc: 'The flag was cleared.', fields: OBJ },
  'event.wait': {
    doc: '`proc` began waiting for the flag.',
    fields: { obj: 'uint', 'timeoutSec?': 'num', ...AT_SITE },
  },
  'event.wake': {
    doc: 'The wait returned `flag` after `waitedUs` (false: it timed out).',
    fields: { obj: 'uint', flag: 'bool', waitedUs: 'uint', ...AT_SITE },
  },
  'cond.create': {
    doc: 'A Condition over lock `lock` (the obj of a Lock or RLock) was created.',
    fields: { obj: 'uint', name: 'str', lock: 'uint', ...AT_SITE },
  },
  'cond.wait': {
    doc: '`proc` released the lock and waits for a notify.',
    fields: { obj: 'uint', 'timeoutSec?': 'num', ...AT_SITE },
  },
  'cond.notify': {
    doc: '`proc` notified; `woke` are the waiters it woke, oldest first (each then takes the lock back).',
    fields: { obj: 'uint', woke: 'int[]', ...AT_SITE },
  },
  'cond.wake': {
    doc: "`proc`'s wait ended (`notified`, or a timeout) after `waitedUs`; it now asks for the lock back.",
    fields: { obj: 'uint', notified: 'bool', waitedUs: 'uint', ...AT_SITE },
  },
  'barrier.create': {
    doc: 'A Barrier of `parties` was created.',
    fields: { obj: 'uint', name: 'str', parties: 'uint', ...AT_SITE },
  },
  'barrier.arrive': {
    doc: '`proc` arrived at generation `gen` of the barrier as arrival `index`.',
    fields: { obj: 'uint', gen: 'uint', index: 'uint', ...AT_SITE },
  },
  'barrier.pass': {
    doc: 'Every party arrived: generation `gen` passes.',
    fields: { obj: 'uint', gen: 'uint', ...AT_SITE },
  },
  'barrier.broken': {
    doc: 'The barrier broke (`why`); its waiters raise BrokenBarrierError.',
    fields: { obj: 'uint', gen: 'uint', why: { enum: BARRIER_BREAKS }, ...AT_SITE },
  },
  'barrier.reset': { doc: 'reset(): empty and unbroken again.', fields: OBJ },
} as const satisfies Record<string, KindDefinition>;
