/**
 * Wires a controlled schedule into a run: who decides (scheduleChoosers.ts), how a step-mode
 * question reaches the parent, what a replay that diverged does, and what the policy may see of
 * the run (controlledScheduler.ts).
 */
import type { RunStatus } from '../protocol/events';
import { EXPLORE_TIMER_GRAIN_US } from '../protocol/explore';
import type { FromRunner, RunConfig } from '../protocol/host';
import type { Chooser } from './controlledScheduler';
import type { ObjectTable } from './objectTable';
import type { ProcRec } from './procRec';
import type { Recorder } from './recorder';
import { divergedText } from './replay';
import { chooserFor, type StepChooser } from './scheduleChoosers';
import type { ControlledSetup } from './scheduler';
import type { AnyObj } from './waitText';

/** The parts of a run a controlled schedule uses (read when needed: some are made after it). */
export interface SteppedRun {
  readonly config: RunConfig;
  readonly lab: { readonly python?: unknown };
  readonly rec: Recorder;
  readonly objects: ObjectTable<AnyObj>;
  readonly ending: unknown;
  readonly procs: { readonly alive: readonly ProcRec[] };
  /** Nothing can run and no timer is left: it names the deadlock or the hang. */
  readonly supervisor: { stuckNow(): void };
  proc(index: number): ProcRec | undefined;
  obj(obj: number): AnyObj | undefined;
  end(status: RunStatus, message: string): void;
}

/** `given`: the chooser an exploration made for this run (else the config's). */
export function controlledSetup(
  run: SteppedRun,
  send: (msg: FromRunner) => void,
  given?: Chooser,
): ControlledSetup & { person: StepChooser | null } {
  const { chooser, person } = given
    ? { chooser: given, person: null }
    : chooserFor(
        run.config,
        (choice) => {
          // The events up to this step reach the parent before the question does.
          run.rec.flush();
          send({ type: 'choose', choice });
        },
        (d) => {
          const message = divergedText(d, run.config.lang);
          run.rec.emit(-1, 'error', { message });
          run.end('error', message);
        },
      );
  return {
    chooser,
    person,
    // A Python script starts its children one at a time, a few steps apart, so their sleeps would
    // end a few ms apart in the order of the starts, which no schedule could change (in CPython
    // they race): sleeps that end within the grain of an exploration end together.
    ...(run.lab.python ? { timerGrainUs: EXPLORE_TIMER_GRAIN_US } : {}),
    run: {
      rec: run.rec,
      alive: () => run.procs.alive,
      ending: () => run.ending !== null,
      stuck: () => run.supervisor.stuckNow(),
      nameOf: (ref) => run.objects.get(ref)?.name ?? ref,
      proc: (i) => run.proc(i),
      obj: (o) => run.obj(o),
    },
  };
}
