/**
 * The built-in labs as the runner and the CLI see them: each lab's info plus its analysis (the
 * outcome and the narration, pure functions of the finished log). No lab code: that runs only in
 * lab processes, from dist/labs/<id>.lab.mjs.
 */
import type { Json, LabEvent, Localized } from '../../protocol/events';
import type { BuiltinLabInfo } from '../info/labInfo';
import { PYTHON_LAB_INFOS } from '../info/pythonLabs';
import { inPythonWords } from '../info/pythonWords';
import ticketRaceInfo from '../info/ticket-race.json';
import ticketLockInfo from '../info/ticket-lock.json';
import queueBasicsInfo from '../info/queue-basics.json';
import ipcInfo from '../info/ipc.json';
import sentinelInfo from '../info/producer-consumer-sentinel.json';
import joinableInfo from '../info/producer-consumer-joinable.json';
import deadlockInfo from '../info/deadlock.json';
import deadlockOrderedInfo from '../info/deadlock-ordered.json';
import diningPhilosophersInfo from '../info/dining-philosophers.json';
import diningPhilosophersOrderedInfo from '../info/dining-philosophers-ordered.json';
import diningPhilosophersSeatsInfo from '../info/dining-philosophers-seats.json';
import semaphorePoolInfo from '../info/semaphore-pool.json';
import barrierInfo from '../info/barrier.json';
import readersWritersInfo from '../info/readers-writers.json';
import readersWritersFairInfo from '../info/readers-writers-fair.json';
import boundedBufferConditionInfo from '../info/bounded-buffer-condition.json';
import boundedBufferConditionFixedInfo from '../info/bounded-buffer-condition-fixed.json';
import poolMapInfo from '../info/pool-map.json';
import valueCounterInfo from '../info/value-counter.json';
import valueCounterLockedInfo from '../info/value-counter-locked.json';
import pipePingPongInfo from '../info/pipe-ping-pong.json';
import { checkEveryItemOnce, checkFifo, checkTickets } from './checks';
import { describeOutcome } from '../../model/outcomeSummary';
import { checkPoolMap, describePoolMap, narratePoolMap, poolMapOutcome } from './poolMap';
import { ipcOutcome, narrateIpc } from './ipc';
import { story } from './kit/log';
import { producedConsumed } from './kit/queues';
import { narrateJoinable, narrateSentinel } from './producerConsumer';
import { basicsOutcome, narrateBasics } from './queueBasics';
import { narrateLock, narrateRace } from './ticketNarrate';
import { ticketOutcome } from './ticketRun';
import {
  checkAllDone,
  describeMeals,
  describeTransfers,
  narrateDeadlock,
  narrateDining,
  narrateDiningOrdered,
  narrateOrdered,
  narrateSeats,
  twoLockOutcome,
} from './deadlockLabs';
import {
  checkWriter,
  describeWriter,
  narrateFair,
  narrateStarving,
  writerOutcome,
} from './readersWriters';
import {
  barrierOutcome,
  bufferOutcome,
  checkBarrier,
  checkBuffer,
  checkPool,
  describeBarrier,
  describeBuffer,
  describePool,
  narrateBarrier,
  narrateMissedWakeup,
  narratePool,
  narrateWaitFor,
  poolOutcome,
} from './syncLabs';
import {
  checkCounter,
  checkRallies,
  counterOutcome,
  describeCounter,
  describeRallies,
  narrateCounter,
  narrateCounterLocked,
  narrateRallies,
  rallyOutcome,
} from './sharedLabs';

export interface BuiltinLab extends BuiltinLabInfo {
  /** The run's outcome as a pure function of the finished log. */
  outcome(events: readonly LabEvent[]): Json;
  /** The outcome in one line, the run's banner: "16 queries over 3 connections; at most 3 at once". */
  describe(outcome: Json): Localized;
  /** What happened and why, from the outcome and the log. */
  narrate(outcome: Json, events: readonly LabEvent[]): Localized;
  /** What must hold: nothing when the outcome is fine, else why not (checks.ts). */
  check?(outcome: Json): Localized | undefined;
}

/** In the order they are taught, as in BUILTIN_LAB_INFOS. */
export const BUILTIN_LABS: readonly BuiltinLab[] = [
  {
    ...ticketRaceInfo,
    outcome: ticketOutcome,
    describe: inModelWords,
    narrate: story(narrateRace),
    check: checkTickets,
  },
  {
    ...ticketLockInfo,
    outcome: ticketOutcome,
    describe: inModelWords,
    narrate: story(narrateLock),
    check: checkTickets,
  },
  {
    ...queueBasicsInfo,
    outcome: basicsOutcome,
    describe: inModelWords,
    narrate: story(narrateBasics),
    check: checkFifo,
  },
  { ...ipcInfo, outcome: ipcOutcome, describe: inModelWords, narrate: story(narrateIpc) },
  {
    ...sentinelInfo,
    outcome: producedConsumed,
    describe: inModelWords,
    narrate: story(narrateSentinel),
    check: checkEveryItemOnce,
  },
  {
    ...joinableInfo,
    outcome: producedConsumed,
    describe: inModelWords,
    narrate: story(narrateJoinable),
    check: checkEveryItemOnce,
  },
  {
    ...deadlockInfo,
    outcome: twoLockOutcome(2),
    describe: describeTransfers,
    narrate: story(narrateDeadlock),
    check: checkAllDone,
  },
  {
    ...deadlockOrderedInfo,
    outcome: twoLockOutcome(6),
    describe: describeTransfers,
    narrate: story(narrateOrdered),
    check: checkAllDone,
  },
  {
    ...diningPhilosophersInfo,
    outcome: twoLockOutcome(5),
    describe: describeMeals,
    narrate: story(narrateDining),
    check: checkAllDone,
  },
  {
    ...diningPhilosophersOrderedInfo,
    outcome: twoLockOutcome(15),
    describe: describeMeals,
    narrate: story(narrateDiningOrdered),
    check: checkAllDone,
  },
  {
    ...diningPhilosophersSeatsInfo,
    outcome: twoLockOutcome(15),
    describe: describeMeals,
    narrate: story(narrateSeats),
    check: checkAllDone,
  },
  {
    ...semaphorePoolInfo,
    outcome: poolOutcome,
    describe: describePool,
    narrate: story(narratePool),
    check: checkPool,
  },
  {
    ...barrierInfo,
    outcome: barrierOutcome,
    describe: describeBarrier,
    narrate: story(narrateBarrier),
    check: checkBarrier,
  },
  {
    ...readersWritersInfo,
    outcome: writerOutcome,
    describe: describeWriter,
    narrate: story(narrateStarving),
    check: checkWriter,
  },
  {
    ...readersWritersFairInfo,
    outcome: writerOutcome,
    describe: describeWriter,
    narrate: story(narrateFair),
    check: checkWriter,
  },
  {
    ...boundedBufferConditionInfo,
    outcome: bufferOutcome,
    describe: describeBuffer,
    narrate: story(narrateMissedWakeup),
    check: checkBuffer,
  },
  {
    ...boundedBufferConditionFixedInfo,
    outcome: bufferOutcome,
    describe: describeBuffer,
    narrate: story(narrateWaitFor),
    check: checkBuffer,
  },
  {
    ...valueCounterInfo,
    outcome: counterOutcome,
    describe: describeCounter,
    narrate: story(narrateCounter),
    check: checkCounter,
  },
  {
    ...valueCounterLockedInfo,
    outcome: counterOutcome,
    describe: describeCounter,
    narrate: story(narrateCounterLocked),
    check: checkCounter,
  },
  {
    ...poolMapInfo,
    outcome: poolMapOutcome,
    describe: describePoolMap,
    narrate: story(narratePoolMap),
    check: checkPoolMap,
  },
  {
    ...pipePingPongInfo,
    outcome: rallyOutcome,
    describe: describeRallies,
    narrate: story(narrateRallies),
    check: checkRallies,
  },
];

/** The seed's six labs have outcomes the model already puts in words (also for old recordings). */
function inModelWords(outcome: Json): Localized {
  return describeOutcome(outcome).text;
}

/** The Python labs, each with the analysis of the JavaScript lab it links to. */
export const PYTHON_LABS: readonly BuiltinLab[] = PYTHON_LAB_INFOS.map((info) => {
  const linked = BUILTIN_LABS.find((lab) => lab.id === info.python?.analysis);
  if (!linked) throw new Error(`the Python lab ${info.id} links to no lab's analysis`);
  const { outcome, describe, narrate, check } = linked;
  // Its words name Python's calls (get_nowait, not getNowait), as its script does.
  return {
    ...info,
    outcome,
    describe: (o) => inPythonWords(describe(o)),
    narrate: (o, events) => inPythonWords(narrate(o, events)),
    ...(check
      ? {
          check: (o: Json) => {
            const why = check(o);
            return why && inPythonWords(why);
          },
        }
      : {}),
  };
});

/** A built-in lab, JavaScript or Python, with its analysis. */
export function builtinLab(id: string): BuiltinLab | undefined {
  return BUILTIN_LABS.find((lab) => lab.id === id) ?? PYTHON_LABS.find((lab) => lab.id === id);
}
