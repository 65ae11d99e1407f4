/**
 * One lab run: the brokers, the scheduler, the recorder and the supervisor wired together.
 * Lab messages enter here, are validated (they are untrusted), and go to the scheduler.
 */
import type { Json, Localized, RunStatus } from '../protocol/events';
import type { FromRunner, RunConfig } from '../protocol/host';
import { checkLabMessage, type LabMessage } from '../protocol/lab';
import { dispatch, type Brokers } from './dispatch';
import { FileBroker } from './files';
import { ObjectTable, type Hub } from './hub';
import { LockBroker } from './locks';
import type { ProcRec } from './procRec';
import { ProcBroker, send } from './procs';
import { QueueBroker } from './queues';
import { Recorder } from './recorder';
import { createScheduler, type SchedulerPolicy } from './scheduler';
import { describeHang, findDeadlock, isStuck } from './supervisor';
import { MALFORMED_KILL, MalformedTally } from './guard';
import { SAY } from './say';
import { LabOutput } from './labOutput';
import type { Waiter } from './waiter';
import type { Watchdog } from './watchdog';
import type { AnyObj, WaitWorld } from './waitText';
import type { LabInfo } from './labInfo';
import { endStatus, type Ending } from './ending';

const MAX_IN_FLIGHT = 10_000;
const MAX_BATCH = 1000;
/** Longest main waits for spare processes to boot. */
const SPARE_GATE_MS = 3000;
/** How often deadlock suspects and hangs are checked; both are confirmed over two ticks. */
const SUPERVISE_MS = 150;

export class Run implements Hub, WaitWorld {
  readonly rec: Recorder;
  readonly sched: SchedulerPolicy;
  readonly objects = new ObjectTable<AnyObj>();
  readonly procs: ProcBroker;
  readonly malformedTally = new MalformedTally();
  readonly output: LabOutput;
  readonly #b: Brokers;
  #started = false;
  #ending: Ending | null = null;
  #progress = 0;
  #stuckAt = -1;
  #suspect: { start: ProcRec; activity: number[] } | null = null;
  #mainLoaded: (() => void) | null = null;
  #tick: NodeJS.Timeout | null = null;
  #timeout: NodeJS.Timeout | null = null;

  constructor(
    readonly config: RunConfig,
    readonly lab: LabInfo,
    readonly dir: string,
    send: (msg: FromRunner) => void,
    labhost: string,
    watchdog: Watchdog,
    private readonly onEnd: (e: Ending) => void,
  ) {
    this.rec = new Recorder(send, config.maxEvents, config.eventsFile, () => {
      this.rec.emit(-1, 'run.limit', {
        what: 'events',
        message: SAY.eventLimit(config.maxEvents)[config.lang],
      });
      this.end('stopped', SAY.stoppedAtLimit(config.maxEvents)[config.lang]);
    });
    this.output = new LabOutput(this.rec, config.lang);
    this.sched = createScheduler(config.speed, (p, m) => this.#execute(p, m));
    this.procs = new ProcBroker(this, {
      labhost,
      watchdog,
      maxProcs: config.maxProcs ?? 64,
      base: { lab: lab.spec, seed: config.seed, speed: config.speed, lang: config.lang, dir },
      onMessage: (p, m) => this.#onMessage(p, m),
      onBadWire: (p, reason, fatal) => this.#onBadWire(p, reason, fatal),
      onOutput: (p, s) => {
        if (!this.#ending) this.output.output(p, s);
      },
      onExited: (p) => this.#onExited(p),
      onLimit: (max) =>
        this.rec.emit(-1, 'run.limit', {
          what: 'processes',
          message: SAY.procLimit(max)[config.lang],
        }),
    });
    this.#b = {
      hub: this,
      objects: this.objects,
      procs: this.procs,
      locks: new LockBroker(this, this.objects),
      queues: new QueueBroker(this, this.objects),
      files: new FileBroker(this, this.objects, dir),
      sleep: (p, id, sec) => this.#sleep(p, id, sec),
      log: (p, text) => this.output.log(p, text),
      error: (p, m) => this.output.error(p, m),
      hello: (p, m) => {
        if (p.index !== 0 || this.#started) return this.malformed(p, 'unexpected hello');
        this.#emitStart(m.title);
        if (m.processes !== undefined) this.procs.topUp(m.processes);
      },
      malformed: (p, reason) => this.malformed(p, reason),
    };
  }

  start(): void {
    // Main runs once the spares have booted, so the children it starts begin together (a Node
    // boot is long next to a sleep at speed 20) instead of one boot time apart.
    this.procs.topUp(this.lab.builtin?.default.meta.processes);
    const mainLoaded = new Promise<void>((resolve) => {
      this.#mainLoaded = resolve;
      setTimeout(resolve, SPARE_GATE_MS).unref();
    });
    const gate = mainLoaded.then(() => this.procs.sparesReady(SPARE_GATE_MS));
    this.procs.spawn(null, 'MainProcess', false, [], undefined, undefined, gate);
    this.#timeout = setTimeout(
      () => this.end('timeout', SAY.timeout(this.config.timeoutSec)[this.config.lang]),
      this.config.timeoutSec * 1000,
    );
    this.#tick = setInterval(() => this.#supervise(), SUPERVISE_MS);
  }

  get ending(): Ending | null {
    return this.#ending;
  }

  // --- Hub ---
  reply(p: ProcRec, id: number, value: Json, now = false): void {
    if (id === 0) return;
    p.inFlight--;
    if (p.alive) p.wire.reply(id, value, now);
  }

  fail(p: ProcRec, id: number, name: string, message: string): void {
    if (id !== 0) p.inFlight--;
    send(p, { id, ok: false, err: { name, message } });
  }

  /**
   * A cycle is a deadlock only if it stays while none of its processes does anything else: an
   * async task in one of them might still release a lock. Confirmed at the next supervision tick.
   */
  blocked(w: Waiter): void {
    const d = findDeadlock(w.proc, this);
    if (d)
      this.#suspect = { start: w.proc, activity: d.procs.map((i) => this.procs.procs[i].activity) };
  }

  #checkDeadlock(): boolean {
    const s = this.#suspect;
    if (!s) return false;
    const d = findDeadlock(s.start, this);
    const activity = d?.procs.map((i) => this.procs.procs[i].activity);
    if (!d || !activity) {
      this.#suspect = null;
      return false;
    }
    if (activity.length !== s.activity.length || activity.some((a, i) => a !== s.activity[i])) {
      s.activity = activity;
      return false;
    }
    this.rec.emit(-1, 'diag', { code: 'deadlock', ...d });
    this.end('deadlock', d.message[this.config.lang]);
    return true;
  }

  proc(index: number): ProcRec | undefined {
    return this.procs.procs[index];
  }

  obj(obj: number): AnyObj | undefined {
    return this.objects.at(obj);
  }

  // --- lab messages ---
  #onMessage(p: ProcRec, raw: unknown): void {
    if (!Array.isArray(raw)) return this.#onOne(p, raw);
    // A batch of notices (and at most a request at its end), sent in one write by the runtime.
    if (raw.length === 0 || raw.length > MAX_BATCH)
      return this.malformed(p, `a batch must hold 1 to ${MAX_BATCH} messages`);
    for (const m of raw) this.#onOne(p, m);
  }

  #onOne(p: ProcRec, raw: unknown): void {
    if (!p.alive || this.#ending) return;
    p.wire.heard();
    if ((raw as { drained?: unknown })?.drained === true) return;
    // A process without a wire says so as it boots (see hearWireless): not a lab message.
    if ((raw as { wire?: unknown })?.wire === false) return;
    // "Loaded": main's tells how many processes the lab will start (so spares boot before it runs);
    // a spare's may cross its init in flight. Neither is malformed.
    if ((raw as { ready?: unknown })?.ready === true) {
      const n = (raw as { processes?: unknown }).processes;
      if (p.index === 0 && this.#mainLoaded) {
        if (Number.isSafeInteger(n) && (n as number) >= 0) this.procs.topUp(n as number);
        this.#mainLoaded();
        this.#mainLoaded = null;
      }
      return;
    }
    this.#progress++;
    p.activity++;
    const bad = checkLabMessage(raw);
    if (bad) return this.malformed(p, bad);
    const m = raw as LabMessage;
    if (!this.#started && m.op !== 'hello') this.#emitStart(null);
    if (m.id !== 0 && ++p.inFlight > MAX_IN_FLIGHT)
      return this.fail(p, m.id, 'Error', 'too many requests waiting for an answer');
    this.sched.admit(p, m);
  }

  #execute(p: ProcRec, m: LabMessage): void {
    if (!p.alive || this.#ending) return;
    dispatch(this.#b, p, m);
  }

  #onBadWire(p: ProcRec, reason: string, fatal: boolean): void {
    if (!p.alive || this.#ending) return;
    this.malformed(p, reason);
    if (!fatal) return;
    this.rec.emit(p.index, 'error', { message: `${p.name} was stopped: it sent ${reason}` });
    this.procs.kill(p, 'killed');
  }

  malformed(p: ProcRec, reason: string): void {
    if (this.malformedTally.add(p, reason)) {
      this.rec.emit(p.index, 'error', { message: `${p.name} sent a malformed message: ${reason}` });
    }
    if (p.malformed === MALFORMED_KILL) {
      this.rec.emit(p.index, 'error', {
        message: `${p.name} was stopped: it sent ${MALFORMED_KILL} malformed messages`,
      });
      this.procs.kill(p, 'killed');
    }
  }

  #emitStart(title: Localized | null): void {
    this.#started = true;
    const fields: {
      lab: string;
      title: Localized;
      seed: number;
      speed: number;
      narration?: Localized;
    } = {
      lab: this.lab.label,
      title: title ?? this.lab.title,
      seed: this.config.seed,
      speed: this.config.speed,
    };
    if (this.lab.description) fields.narration = this.lab.description;
    this.rec.emit(-1, 'run.start', fields);
    const main = this.procs.procs[0];
    this.rec.emit(0, 'proc.spawn', { name: main.name, parent: -1, daemon: false, pid: main.pid });
  }

  #sleep(p: ProcRec, id: number, sec: number): void {
    if (sec < 0) return this.fail(p, id, 'ValueError', 'sleep length must be non-negative');
    this.rec.emit(p.index, 'sleep.begin', { sec });
    const t = this.sched.after(sec, () => {
      p.timers.delete(t);
      this.#progress++;
      if (!p.alive || this.#ending) return;
      this.rec.emit(p.index, 'sleep.end', {});
      this.reply(p, id, null);
    });
    p.timers.add(t);
  }

  // --- supervision ---
  #onExited(p: ProcRec): void {
    this.#progress++;
    if (!this.#started && p.index === 0) this.#emitStart(null);
    if (this.procs.alive.length > 0) return;
    this.procs.killSpares();
    if (this.#ending) this.onEnd(this.#ending);
    else {
      const [status, message] = endStatus(this.procs.procs, this.config.lang);
      this.#ending = { status, message };
      this.#stopTimers();
      this.onEnd(this.#ending);
    }
  }

  #supervise(): void {
    if (this.#checkDeadlock()) return;
    const alive = this.procs.alive;
    if (!isStuck(alive, this.sched.pendingTimers)) {
      this.#stuckAt = -1;
      return;
    }
    if (this.#stuckAt !== this.#progress) {
      this.#stuckAt = this.#progress;
      return;
    }
    const d = describeHang(alive, this);
    this.rec.emit(-1, 'diag', { code: 'hang', ...d });
    this.end('hang', d.message[this.config.lang]);
  }

  #stopTimers(): void {
    if (this.#tick) clearInterval(this.#tick);
    if (this.#timeout) clearTimeout(this.#timeout);
    this.#tick = this.#timeout = null;
  }

  /** Ends the run early: kill the whole tree; the run is over once every process is gone. */
  end(status: RunStatus, message: string): void {
    if (this.#ending) return;
    if (!this.#started) this.#emitStart(null);
    this.#ending = { status, message };
    this.#stopTimers();
    this.procs.killSpares();
    const alive = this.procs.alive;
    if (alive.length === 0) return this.onEnd(this.#ending);
    for (const p of alive) this.procs.kill(p, 'killed');
    // Past this, a process that will not die is not waited for (its exit would be lost, not the run).
    setTimeout(() => this.onEnd(this.#ending as Ending), 3000).unref();
  }
}
