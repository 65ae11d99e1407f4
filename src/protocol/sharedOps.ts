/**
 * The lab wire's operations on shared memory (Value, Array), pipes (Pipe's two Connections) and
 * SimpleQueue's close. Each is a request, so each read and each write is a scheduling point
 * under a controlled schedule.
 */
import type { OpDefinition } from './labOps';

const END = { ref: 'str', end: 'uint' } as const;

export const SHARED_OP_DEFINITIONS = {
  'value.create': {
    doc: 'A new Value (or, with `size`, an Array of `size` items) of ctypes typecode `typecode`, holding `value` (an Array: the list of its items); `lock`: the ref of the Lock or RLock that synchronizes it.',
    reply: 'notice',
    fields: {
      ref: 'str',
      typecode: 'str',
      value: 'json',
      'size?': 'uint',
      'lock?': 'str',
      'name?': 'str',
    },
  },
  'value.get': {
    doc: "Read the Value, or item `index` of an Array (negative: from the end), or, without `index`, all of an Array's items. A synchronized one waits while another process holds its lock. With `raw`, without its lock (get_obj(), or a thread that holds the lock already).",
    reply: 'the value (a list for a whole Array), or an IndexError',
    fields: { ref: 'str', 'index?': 'int', 'raw?': 'bool' },
  },
  'value.set': {
    doc: 'Write `value` to the Value, or to item `index` of an Array, converted as its typecode does. With `raw`, without its lock, as value.get.',
    reply: 'null, or a TypeError (a value the typecode cannot hold) or an IndexError',
    fields: { ref: 'str', 'index?': 'int', value: 'json', 'raw?': 'bool' },
  },
  'pipe.create': {
    doc: 'A new Pipe known as `ref`: end 0 and end 1, both ways when `duplex`, else end 0 only receives and end 1 only sends. This process holds both ends.',
    reply: 'notice',
    fields: { ref: 'str', duplex: 'bool', 'name?': 'str' },
  },
  'pipe.send': {
    doc: 'Send `value` from end `end` to the other end.',
    reply: 'null, or a BrokenPipeError when no process holds the other end any more',
    fields: { ...END, value: 'json' },
  },
  'pipe.recv': {
    doc: 'Receive the oldest message sent to end `end`, waiting for one.',
    reply: 'the message, or an EOFError once no process holds the other end and none is left',
    fields: END,
  },
  'pipe.poll': {
    doc: 'Whether a message (or the end of the pipe) is there to receive at end `end`, waiting at most `timeoutSec` (none: without limit).',
    reply: 'a boolean',
    fields: { ...END, 'timeoutSec?': 'num' },
  },
  'pipe.close': {
    doc: 'This process closes its handle of end `end` (the other end sees EOF once every process that held this one has closed it or exited).',
    reply: 'null; may be sent as a notice',
    fields: END,
  },
} as const satisfies Record<string, OpDefinition>;
