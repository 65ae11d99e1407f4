/**
 * The lab wire's operations on the synchronization primitives beyond Lock and Queue: Semaphore
 * and BoundedSemaphore, Event, Condition and Barrier (an RLock is a Lock created `recursive`).
 * Each is a request, so each is a scheduling point under a controlled schedule.
 */
import type { OpDefinition } from './labOps';

const TIMEOUT = { ref: 'str', 'timeoutSec?': 'num' } as const;
const REF = { ref: 'str' } as const;

export const SYNC_OP_DEFINITIONS = {
  'sem.create': {
    doc: 'A new Semaphore with counter `value` (`bounded`: a BoundedSemaphore, which may not be released past `value`).',
    reply: 'notice',
    fields: { ref: 'str', value: 'uint', bounded: 'bool', 'name?': 'str' },
  },
  'sem.acquire': {
    doc: 'Decrement the counter, waiting while it is 0 when `block` (at most `timeoutSec` when given).',
    reply: 'true when acquired; false on a timeout or a non-blocking miss',
    fields: { ref: 'str', block: 'bool', 'timeoutSec?': 'num' },
  },
  'sem.release': {
    doc: 'Increment the counter (or hand the unit to a waiter).',
    reply: 'null, or a ValueError when a BoundedSemaphore would pass its initial value',
    fields: REF,
  },
  'sem.value': { doc: 'get_value(): the counter.', reply: 'a number', fields: REF },
  'event.create': {
    doc: 'A new Event, clear.',
    reply: 'notice',
    fields: { ref: 'str', 'name?': 'str' },
  },
  'event.set': { doc: 'Set the flag and wake every waiter.', reply: 'null', fields: REF },
  'event.clear': { doc: 'Clear the flag.', reply: 'null', fields: REF },
  'event.isSet': { doc: 'is_set().', reply: 'a boolean', fields: REF },
  'event.wait': {
    doc: 'Wait until the flag is set (at most `timeoutSec` when given).',
    reply: 'the flag when the wait ends: true when set, false on a timeout',
    fields: TIMEOUT,
  },
  'cond.create': {
    doc: 'A new Condition over the Lock or RLock known as `lock` (the lab creates an RLock when none is given).',
    reply: 'notice',
    fields: { ref: 'str', lock: 'str', 'name?': 'str' },
  },
  'cond.wait': {
    doc: 'Release the lock (every level of an RLock), wait for a notify (at most `timeoutSec` when given), then take the lock back at its level.',
    reply:
      '{ "notified": boolean, "waitedSec": lab seconds from the request to the reply }, or an AssertionError when this process does not hold the lock',
    fields: TIMEOUT,
  },
  'cond.notify': {
    doc: 'Wake at most `n` waiters (`all`: every waiter), oldest first.',
    reply: 'null, or an AssertionError when this process does not hold the lock',
    fields: { ref: 'str', n: 'uint', 'all?': 'bool' },
  },
  'barrier.create': {
    doc: 'A new Barrier of `parties`; `timeoutSec`: the default timeout of a wait; `action`: the export the last arrival runs before the others pass.',
    reply: 'notice',
    fields: {
      ref: 'str',
      parties: 'uint',
      'timeoutSec?': 'num',
      'action?': 'str',
      'name?': 'str',
    },
  },
  'barrier.wait': {
    doc: "Arrive and wait until `parties` have arrived (at most `timeoutSec`, else the barrier's default).",
    reply:
      'the arrival index (0 … parties-1); "action" when this arrival must run the action first; or a BrokenBarrierError',
    fields: TIMEOUT,
  },
  'barrier.actionDone': {
    doc: 'The last arrival ran the action: `ok` lets every waiter pass, else the barrier breaks.',
    reply: 'the arrival index, or a BrokenBarrierError',
    fields: { ref: 'str', ok: 'bool' },
  },
  'barrier.reset': {
    doc: 'Back to the empty, unbroken state; current waiters get a BrokenBarrierError.',
    reply: 'null',
    fields: REF,
  },
  'barrier.abort': {
    doc: 'Break the barrier: current and later waits raise BrokenBarrierError until reset().',
    reply: 'null',
    fields: REF,
  },
  'barrier.query': {
    doc: 'n_waiting or broken.',
    reply: 'a number (nWaiting) or a boolean (broken)',
    fields: { ref: 'str', what: { enum: ['nWaiting', 'broken'] } },
  },
} as const satisfies Record<string, OpDefinition>;
