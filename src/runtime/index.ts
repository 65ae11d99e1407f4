/**
 * The lab API (`import { … } from 'concurrency-labs'`), modelled on Python's multiprocessing.
 * Importing it has no side effects; the labhost connects it to the runner in a lab process.
 */
export { defineLab, isLabDefinition, type LabDefinition, type LabMeta } from './lab';
export { Process, activeChildren, type ProcessOptions } from './process';
export { cpuCount } from './cpuCount';
export { Lock, type LockOptions } from './lock';
export { RLock, type RLockOptions } from './rlock';
export { Semaphore, BoundedSemaphore, type SemaphoreOptions } from './semaphore';
export { Event, type EventOptions } from './event';
export { Condition, type ConditionOptions } from './condition';
export { Barrier, type BarrierOptions } from './barrier';
export { Queue, JoinableQueue, type QueueOptions } from './queue';
export { SimpleQueue } from './simpleQueue';
export { Value, SharedArray as Array, type SharedOptions } from './sharedValue';
export { Pipe, Connection, type PipeOptions } from './pipe';
export { Pool, type PoolOptions } from './pool';
export { AsyncResult, type ResultCallbacks } from './asyncResult';
export { IMapIterator } from './imapIterator';
export { sharedJson, SharedJson } from './sharedJson';
export {
  Empty,
  Full,
  ValueError,
  AssertionError,
  BrokenBarrierError,
  JSONDecodeError,
  IndexError,
  EOFError,
  OSError,
  BrokenPipeError,
  TimeoutError,
} from './errors';
export { sleep } from './sleep';
export { print } from './print';
export { random, randint } from './random';
export {
  currentProcess,
  parentProcess,
  lang,
  l,
  type CurrentProcess,
  type ParentProcess,
} from './currentProcess';
export type { Json, Localized } from '../protocol/events';
