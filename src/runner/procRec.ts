/** What the runner knows about one lab process. */
import type { ExitReason } from '../protocol/events';
import type { LabMessage } from '../protocol/lab';
import type { LabWire } from './labWire';
import type { TimerHandle } from './scheduler';
import { WaitList } from './waiter';

/**
 * How the runner signals a lab process: the ChildProcess it started, or for a Python process
 * that multiprocessing started, its pid (pythonProcs.ts).
 */
export interface ProcHandle {
  readonly pid?: number;
  kill(signal?: NodeJS.Signals): boolean;
}

export interface ProcRec {
  /** 0 = MainProcess, then 1, 2, … in spawn order. */
  readonly index: number;
  readonly name: string;
  readonly daemon: boolean;
  /** The index of the process that started it; -1 for main. */
  readonly parent: number;
  readonly child: ProcHandle;
  /** Its only channel: its setup, its operations and their answers. */
  readonly wire: LabWire;
  readonly pid: number;
  alive: boolean;
  /** The exit code as the lab API shows it: the code, or -signal (Python's convention). */
  exitCode: number | null;
  exitReason: ExitReason | null;
  /** Blocking operations this process is waiting in (hang and deadlock detection read these). */
  readonly waiting: WaitList;
  readonly children: ProcRec[];
  /** Set once the lab code has ended (`proc.finish`): the code it asked to exit with. */
  finishCode: number | null;
  /** The lab code threw (an `error` notice came). */
  failed: boolean;
  /** The first error message it reported, for run.end's message. */
  firstError: string | null;
  /** Why the runner killed it, when it did. */
  killReason: ExitReason | null;
  malformed: number;
  /** Messages received from it: a deadlock suspect must show none for a while. */
  activity: number;
  /** Requests not yet answered (bounded, so a flood cannot grow the runner's memory). */
  inFlight: number;
  /** Its sleeps' timers, cancelled if it dies. */
  readonly timers: Set<TimerHandle>;
  /**
   * Pool workers it was asked to start (`poolStart`) and has not adopted yet: a controlled
   * schedule counts it as running meanwhile, so the new worker's start is not raced.
   */
  startsAsked: number;
}

export function newProcRec(
  index: number,
  name: string,
  daemon: boolean,
  parent: number,
  child: ProcHandle,
  wire: LabWire,
): ProcRec {
  return {
    index,
    name,
    daemon,
    parent,
    child,
    wire,
    pid: child.pid ?? -1,
    alive: true,
    exitCode: null,
    exitReason: null,
    waiting: new WaitList(),
    children: [],
    finishCode: null,
    failed: false,
    firstError: null,
    killReason: null,
    malformed: 0,
    activity: 0,
    inFlight: 0,
    timers: new Set(),
    startsAsked: 0,
  };
}

/** Why `p` exited with `code` or `signal`: the runner's own reason first, else what it did. */
export function exitReason(
  p: ProcRec,
  code: number | null,
  signal: NodeJS.Signals | null,
): ExitReason {
  if (p.killReason) return p.killReason;
  if (p.failed) return 'error';
  if (p.finishCode !== null && code === p.finishCode) return code === 0 ? 'returned' : 'error';
  if (signal) return 'crashed';
  return 'exit';
}

/** Sends to a lab process, over its wire, if it can still hear. */
export function send(p: ProcRec, msg: LabMessage | object): void {
  if (p.alive) p.wire.send(msg);
}
