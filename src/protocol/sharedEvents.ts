/** Event kinds of shared memory (Value and Array) and pipes. */
import { AT_SITE } from './atSite';
import type { KindDefinition } from './events';

const END = { obj: 'uint', end: 'uint' } as const;

export const SHARED_EVENT_DEFINITIONS = {
  'value.create': {
    doc: 'A Value (with `size`: an Array) of typecode `typecode` was created holding `value` (an Array: its items); `lock`: the obj of the lock that synchronizes it.',
    fields: {
      obj: 'uint',
      name: 'str',
      typecode: 'str',
      value: 'json',
      'size?': 'uint',
      'lock?': 'uint',
      ...AT_SITE,
    },
  },
  'value.get': {
    doc: '`proc` read `value`: the Value, item `index` of an Array, or all its items (no `index`).',
    fields: { obj: 'uint', 'index?': 'uint', value: 'json', ...AT_SITE },
  },
  'value.set': {
    doc: '`proc` wrote `value` (as stored: converted by the typecode) to the Value or item `index`.',
    fields: { obj: 'uint', 'index?': 'uint', value: 'json', ...AT_SITE },
  },
  'pipe.create': {
    doc: 'A Pipe was created: two ends, 0 and 1 (not `duplex`: 0 receives, 1 sends).',
    fields: { obj: 'uint', name: 'str', duplex: 'bool', ...AT_SITE },
  },
  'pipe.send': {
    doc: '`proc` sent message `msg` (`value`) from end `end`; `pending` are the messages waiting at the other end after it.',
    fields: { ...END, msg: 'uint', value: 'json', pending: 'uint', ...AT_SITE },
  },
  'pipe.recv.wait': {
    doc: '`proc` waits in recv() at end `end`: no message is there.',
    fields: { ...END, ...AT_SITE },
  },
  'pipe.recv': {
    doc: '`proc` received message `msg` (matching its send) at end `end`; `pending` are the messages left there.',
    fields: { ...END, msg: 'uint', value: 'json', pending: 'uint', ...AT_SITE },
  },
  'pipe.eof': {
    doc: 'recv() at end `end` raised EOFError: no message is left and no process holds the other end.',
    fields: { ...END, ...AT_SITE },
  },
  'pipe.poll': {
    doc: 'poll() at end `end` answered `result`.',
    fields: { ...END, result: 'bool', ...AT_SITE },
  },
  'pipe.close': {
    doc: '`proc` closed its handle of end `end` (or exited holding it); `holders`: how many processes still hold that end (0: the other end sees EOF).',
    fields: { ...END, holders: 'uint', ...AT_SITE },
  },
  'pipe.broken': {
    doc: 'send() from end `end` raised BrokenPipeError: no process holds the other end.',
    fields: { ...END, ...AT_SITE },
  },
} as const satisfies Record<string, KindDefinition>;
