/**
 * The built-in labs' infos, in teaching order: plain data the extension and the CLI list without
 * loading any lab code. Each lab's info is written once, in its own JSON file (id, processes,
 * title, description), which the lab's code also imports for its defineLab, so a lab's bundle
 * carries only its own. `processes` is how many the lab starts besides main: the runner boots
 * them before main runs, so ten buyers really start together.
 */
import type { BuiltinLabInfo } from './labInfo';
import { PYTHON_LAB_INFOS } from './pythonLabs';
import ticketRaceInfo from './ticket-race.json';
import ticketLockInfo from './ticket-lock.json';
import queueBasicsInfo from './queue-basics.json';
import ipcInfo from './ipc.json';
import sentinelInfo from './producer-consumer-sentinel.json';
import joinableInfo from './producer-consumer-joinable.json';
import deadlockInfo from './deadlock.json';
import deadlockOrderedInfo from './deadlock-ordered.json';
import diningPhilosophersInfo from './dining-philosophers.json';
import diningPhilosophersOrderedInfo from './dining-philosophers-ordered.json';
import diningPhilosophersSeatsInfo from './dining-philosophers-seats.json';
import semaphorePoolInfo from './semaphore-pool.json';
import barrierInfo from './barrier.json';
import readersWritersInfo from './readers-writers.json';
import readersWritersFairInfo from './readers-writers-fair.json';
import boundedBufferConditionInfo from './bounded-buffer-condition.json';
import boundedBufferConditionFixedInfo from './bounded-buffer-condition-fixed.json';
import poolMapInfo from './pool-map.json';
import valueCounterInfo from './value-counter.json';
import valueCounterLockedInfo from './value-counter-locked.json';
import pipePingPongInfo from './pipe-ping-pong.json';

export type { BuiltinLabInfo };
export { PYTHON_LAB_INFOS };

/** In the order they are taught: the seed's six, then the course on synchronization. */
export const BUILTIN_LAB_INFOS: readonly BuiltinLabInfo[] = [
  ticketRaceInfo,
  ticketLockInfo,
  queueBasicsInfo,
  ipcInfo,
  sentinelInfo,
  joinableInfo,
  deadlockInfo,
  deadlockOrderedInfo,
  diningPhilosophersInfo,
  diningPhilosophersOrderedInfo,
  diningPhilosophersSeatsInfo,
  semaphorePoolInfo,
  barrierInfo,
  readersWritersInfo,
  readersWritersFairInfo,
  boundedBufferConditionInfo,
  boundedBufferConditionFixedInfo,
  valueCounterInfo,
  valueCounterLockedInfo,
  poolMapInfo,
  pipePingPongInfo,
];

/** The JavaScript labs' ids: each has a bundle and runs under every schedule. */
export const LAB_IDS: readonly string[] = BUILTIN_LAB_INFOS.map((lab) => lab.id);

/** Every built-in lab: the JavaScript course, then the Python labs (pythonLabs.ts). */
export const ALL_LAB_INFOS: readonly BuiltinLabInfo[] = [...BUILTIN_LAB_INFOS, ...PYTHON_LAB_INFOS];

/** A built-in lab's info, JavaScript or Python. */
export function builtinLabInfo(id: string): BuiltinLabInfo | undefined {
  return ALL_LAB_INFOS.find((lab) => lab.id === id);
}

/** Is `id` a built-in Python lab (a script the runner runs with a Python interpreter)? */
export function isPythonLab(id: string): boolean {
  return builtinLabInfo(id)?.python !== undefined;
}

export function isBuiltinLab(id: string): boolean {
  return builtinLabInfo(id) !== undefined;
}

/** Where the built-in Python labs' scripts ship, relative to the folder of the bundles. */
export const PYTHON_LABS_DIR = 'labs/python';

/** The file a built-in lab's code is in, relative to the folder of the bundles. */
export function builtinLabFile(id: string): string {
  const python = builtinLabInfo(id)?.python;
  return python ? `${PYTHON_LABS_DIR}/${python.script}` : `labs/${id}.lab.mjs`;
}
