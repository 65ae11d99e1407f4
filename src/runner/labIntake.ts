/**
 * Where lab messages enter the run. They are untrusted (learners write labs): control messages
 * are told apart, everything else is checked against the protocol, and only a valid message goes
 * on to the scheduler. Malformed ones are counted and reported; a flood of them stops its sender.
 */
import type { Localized, RunLimitKind } from '../protocol/events';
import { checkLabMessage, type LabMessage, type LabMessageOf } from '../protocol/lab';
import { readLabControl, type LabControl } from '../protocol/labControl';
import { answerRefused } from './dispatch';
import { MALFORMED_KILL, MalformedTally } from './guard';
import type { ProcRec } from './procRec';
import type { ProcBroker } from './procs';
import type { Recorder } from './recorder';
import { RUNNER_TEXT } from './runnerText';
import { SiteTable } from './sites';
import type { SchedulerPolicy } from './scheduler';

const MAX_IN_FLIGHT = 10_000;
const MAX_BATCH = 1000;

/** What a binary lock frame carries (src/wire/frames.ts). */
type LockOp = LabMessageOf<'lock.acquire'> | LabMessageOf<'lock.release'>;

export interface IntakeRun {
  readonly rec: Recorder;
  readonly sched: SchedulerPolicy;
  readonly procs: ProcBroker;
  /** The run is ending: nothing more is taken in. */
  readonly ending: unknown;
  fail(p: ProcRec, id: number, name: string, message: string): void;
  limit(what: RunLimitKind, message: Localized): void;
  /** Something arrived from a lab process: the run is not hung. */
  progress(): void;
  /** A lab message arrived (before run.start was recorded, this records it). */
  onLabMessage(p: ProcRec, m: LabMessage): void;
  onControl(p: ProcRec, c: LabControl): void;
}

export class LabIntake {
  readonly malformedTally = new MalformedTally();
  readonly sites: SiteTable;

  constructor(private readonly run: IntakeRun) {
    this.sites = new SiteTable(() => run.rec);
  }

  /**
   * One message, or a batch of notices (and at most a request at its end) sent in one write.
   * `checked`: lock operations from a binary lock frame, which its decoder admits only when valid
   * (a test holds every decodable record to checkLabMessage): not checked a second time.
   */
  take(p: ProcRec, raw: unknown, checked = false): void {
    if (!Array.isArray(raw))
      return checked ? this.#takeLock(p, raw as LockOp) : this.#takeOne(p, raw, false);
    if (raw.length === 0 || raw.length > MAX_BATCH) {
      const reason = `a batch must hold 1 to ${MAX_BATCH} messages`;
      this.malformed(p, reason);
      for (const m of raw) answerRefused(p, m, reason);
      return;
    }
    if (checked) for (const m of raw) this.#takeLock(p, m as LockOp);
    else for (const m of raw) this.#takeOne(p, m, false);
  }

  /**
   * A lock operation from a binary lock frame: #takeOne's steps for a valid message that is not a
   * control message nor a `site` notice. Kept apart so that what it reads of a message sees only
   * the lock records' few shapes, not those of every message (a contended hand-off takes two).
   */
  #takeLock(p: ProcRec, m: LockOp): void {
    const { run } = this;
    if (!p.alive || run.ending) return;
    run.progress();
    p.activity++;
    run.onLabMessage(p, m);
    if (m.site !== undefined) m.site = this.sites.resolve(p, m.site);
    if (m.id !== 0 && ++p.inFlight > MAX_IN_FLIGHT)
      return run.fail(p, m.id, 'Error', 'too many requests waiting for an answer');
    run.sched.admit(p, m);
  }

  #takeOne(p: ProcRec, raw: unknown, checked: boolean): void {
    const { run } = this;
    if (!p.alive || run.ending) return;
    const control = checked ? null : readLabControl(raw);
    if (control) return run.onControl(p, control);
    run.progress();
    p.activity++;
    const bad = checked ? null : checkLabMessage(raw);
    if (bad) {
      this.malformed(p, bad);
      return answerRefused(p, raw, bad);
    }
    const m = raw as LabMessage;
    run.onLabMessage(p, m);
    if (m.op === 'site') {
      const refused = m.id !== 0 ? 'site: always a notice (id 0)' : this.sites.define(p, m);
      if (refused) {
        this.malformed(p, refused);
        answerRefused(p, m, refused);
      }
      return;
    }
    // From here on `site` is the run's id of the call site (or absent), as events carry it.
    if (m.site !== undefined) m.site = this.sites.resolve(p, m.site);
    if (m.id !== 0 && ++p.inFlight > MAX_IN_FLIGHT)
      return run.fail(p, m.id, 'Error', 'too many requests waiting for an answer');
    run.sched.admit(p, m);
  }

  /** Its wire carried something unreadable; `fatal`: nothing more can be read from it. */
  badWire(p: ProcRec, reason: string, fatal: boolean): void {
    if (!p.alive || this.run.ending) return;
    this.malformed(p, reason);
    if (!fatal) return;
    this.run.rec.emit(p.index, 'error', { message: `${p.name} was stopped: it sent ${reason}` });
    this.run.procs.kill(p, 'killed');
  }

  malformed(p: ProcRec, reason: string): void {
    const { rec, procs } = this.run;
    if (this.malformedTally.add(p, reason)) {
      rec.emit(p.index, 'error', { message: `${p.name} sent a malformed message: ${reason}` });
    }
    if (p.malformed === MALFORMED_KILL) {
      this.run.limit('messages', RUNNER_TEXT.malformedLimit(p.name, MALFORMED_KILL));
      rec.emit(p.index, 'error', {
        message: `${p.name} was stopped: it sent ${MALFORMED_KILL} malformed messages`,
      });
      procs.kill(p, 'killed');
    }
  }
}
