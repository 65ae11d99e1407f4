/** The built-in labs, by id, and the order they are taught in (the seed's order). */
import type { LabDefinition } from '../runtime/lab';
import * as ticketRace from './ticket-race';
import * as ticketLock from './ticket-lock';
import * as queueBasics from './queue-basics';
import * as ipc from './ipc';
import * as sentinel from './producer-consumer-sentinel';
import * as joinable from './producer-consumer-joinable';

/** A lab module as `import * as m` sees it: the definition plus the named child targets. */
export interface LabModule {
  default: LabDefinition;
  [exportName: string]: unknown;
}

export const LAB_IDS = [
  'ticket-race',
  'ticket-lock',
  'queue-basics',
  'ipc',
  'producer-consumer-sentinel',
  'producer-consumer-joinable',
] as const;

export type BuiltinLabId = (typeof LAB_IDS)[number];

export const BUILTIN_LABS: Record<string, LabModule> = {
  'ticket-race': ticketRace,
  'ticket-lock': ticketLock,
  'queue-basics': queueBasics,
  ipc,
  'producer-consumer-sentinel': sentinel,
  'producer-consumer-joinable': joinable,
};

export function isBuiltinLab(id: string): id is BuiltinLabId {
  return Object.prototype.hasOwnProperty.call(BUILTIN_LABS, id);
}
