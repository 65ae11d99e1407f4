/**
 * Main judges its run when its lab declares `outcome` or `check` (its `hello` says `judges`):
 * once main's lab code and its children are over, and before main may exit, the runner sends it
 * the log (`judge`) and waits for the `judged` answer, a bounded while.
 */
import type { Json, Localized } from '../protocol/events';
import type { LabControl } from '../protocol/labControl';
import type { ProcRec } from './procRec';
import { send } from './procRec';
import type { Recorder } from './recorder';

/** Most events sent to be judged; a longer log is not judged (its run has no outcome). */
const MAX_JUDGED_EVENTS = 200_000;
/** How long main may take to judge, wall-clock. */
const JUDGE_WAIT_MS = 10_000;

export interface Judgement {
  outcome?: Json;
  summary?: Localized;
  failure?: Localized;
  error?: string;
}

type Judged = Extract<LabControl, { judged: unknown }>['judged'];

export class Judging {
  #declared = false;
  #asked: { p: ProcRec; go: () => void; timer: NodeJS.Timeout } | null = null;
  /** What main answered, once it has. */
  result: Judgement | null = null;

  constructor(private readonly rec: Recorder) {}

  /** Main's hello said whether the lab declares `outcome` or `check`. */
  declare(judges: boolean): void {
    this.#declared = judges;
  }

  /** Main is about to be let go: ask it first, then `go`. Any other process just goes. */
  beforeExit(p: ProcRec, go: () => void): void {
    if (p.index !== 0 || !this.#declared || this.#asked || this.result) return go();
    if (this.rec.count > MAX_JUDGED_EVENTS) {
      this.#fail(`the log has more than ${MAX_JUDGED_EVENTS} events: the run was not judged`);
      return go();
    }
    const timer = setTimeout(() => {
      this.#fail(`${p.name} did not judge the run within ${JUDGE_WAIT_MS / 1000} s`);
      this.#release();
    }, JUDGE_WAIT_MS);
    this.#asked = { p, go, timer };
    send(p, { judge: { events: this.rec.events } });
  }

  /** Main's `judged` answer. */
  answered(p: ProcRec, judged: Judged): void {
    if (this.#asked?.p !== p) return;
    if (judged.error !== undefined) {
      this.rec.emit(-1, 'error', { message: `the lab's outcome or check threw: ${judged.error}` });
      this.result = { error: judged.error };
    } else {
      this.result = { outcome: judged.outcome ?? null };
      if (judged.summary) this.result.summary = judged.summary;
      if (judged.failure) this.result.failure = judged.failure;
    }
    this.#release();
  }

  /** A process exited: were it the one judging, nothing is waited for any more. */
  exited(p: ProcRec): void {
    if (this.#asked?.p === p) this.#release();
  }

  #fail(error: string): void {
    this.rec.emit(-1, 'error', { message: error });
    this.result = { error };
  }

  #release(): void {
    const asked = this.#asked;
    if (!asked) return;
    this.#asked = null;
    clearTimeout(asked.timer);
    asked.go();
  }
}
