/**
 * One lab run: the brokers, the scheduler, the recorder and the supervisor wired together. Lab
 * messages enter through the intake (labIntake.ts), which hands valid ones to the scheduler, the
 * one place that decides what proceeds (scheduler.ts); it runs them through dispatch.ts.
 */
import { join } from 'node:path';
import type { EventFields, Json, Localized, RunLimitKind, RunStatus } from '../protocol/events';
import type { FromRunner, RunConfig } from '../protocol/host';
import type { LabMessage } from '../protocol/lab';
import { SITE_CACHE_ENV, type LabControl } from '../protocol/labControl';
import type { BrokerContext } from './brokerContext';
import { dispatch, type Brokers } from './dispatch';
import { endStatus, type Ending } from './ending';
import { FileBroker } from './files';
import { Judging } from './judging';
import { LabIntake } from './labIntake';
import type { LabInfo } from './labInfo';
import { LabOutput } from './labOutput';
import { LimitReports } from './limitReports';
import { LockBroker } from './locks';
import { BarrierBroker } from './barriers';
import { ConditionBroker } from './conditions';
import { EventBroker } from './eventFlags';
import { SemaphoreBroker } from './semaphores';
import { PipeBroker } from './pipes';
import { ValueBroker } from './sharedValues';
import { PoolBroker } from './pools';
import { MemoryWatch, type MemoryOver } from './memoryWatch';
import { ObjectTable } from './objectTable';
import type { ProcRec } from './procRec';
import { ProcBroker } from './procs';
import { send as sendToLab } from './procRec';
import { LeaseClaims } from './leaseClaimsFile';
import { QueueBroker } from './queues';
import { RUN_BOUNDS } from '../protocol/runBounds';
import { Recorder } from './recorder';
import { RUNNER_TEXT } from './runnerText';
import type { Chooser, ControlledScheduler } from './controlledScheduler';
import type { ProcessSource } from './spares';
import { controlledSetup } from './controlledRun';
import { isControlled } from './scheduleChoosers';
import { createScheduler, type SchedulerPolicy } from './scheduler';
import { SleepBroker } from './sleepBroker';
import type { LabProcessSpec } from './spares';
import { AttachServer, pythonSocket } from './pythonRun';
import { Supervisor } from './supervisor';
import type { Waiter } from './waiter';
import type { AnyObj, WaitWorld } from './waitText';
import type { Watchdog } from './watchdog';
import { RUN_MARKER } from '../processTree/runSweep';
import { UnbrokeredProcs } from './unbrokered';

/** Longest main waits for spare processes to boot. */
const SPARE_GATE_MS = 3000;

/** What an exploration gives each of its runs. */
export interface RunParts {
  /** Makes the controlled schedule's decisions. */
  chooser?: Chooser;
  /** Lab processes kept across runs and reused. */
  source?: ProcessSource;
}

export class Run implements BrokerContext, WaitWorld {
  readonly rec: Recorder;
  readonly sched: SchedulerPolicy;
  readonly objects = new ObjectTable<AnyObj>();
  readonly procs: ProcBroker;
  readonly intake: LabIntake;
  readonly output: LabOutput;
  readonly supervisor: Supervisor;
  readonly limits: LimitReports;
  readonly memory: MemoryWatch;
  /** Main's answer on what the run came to, when its lab declares `outcome` or `check`. */
  readonly judging: Judging;
  readonly #brokers: Brokers;
  #started = false;
  #ending: Ending | null = null;
  #mainLoaded: (() => void) | null = null;
  /** Main said `ready`: its interpreter runs our runtime (see main.ts, the Python check). */
  #mainReady = false;
  /** The controlled policy, when the run has one (else the realtime policy needs nothing here). */
  #controlled: ControlledScheduler | null = null;
  /** A Python script's socket, where the processes multiprocessing starts attach. */
  #attach: AttachServer | null = null;
  /** A Python run's processes that Python started another way (os.fork, subprocess, the forkserver). */
  readonly #unbrokered: UnbrokeredProcs | null;

  constructor(
    readonly config: RunConfig,
    readonly lab: LabInfo,
    readonly dir: string,
    send: (msg: FromRunner) => void,
    /**
     * The labhost script lab processes run, and what their environment adds (the run's id); or,
     * for a Python script, how its main process starts (`python`).
     */
    labProcesses: Pick<LabProcessSpec, 'labhost' | 'env' | 'python'>,
    watchdog: Watchdog,
    private readonly onEnd: (e: Ending) => void,
    parts: RunParts = {},
  ) {
    const text = RUNNER_TEXT;
    const { lang } = config;
    this.rec = new Recorder(send, config.maxEvents, config.eventsFile, () => {
      this.limit('events', text.eventLimit(config.maxEvents));
      this.end('stopped', text.stoppedAtLimit(config.maxEvents)[lang]);
    });
    this.limits = new LimitReports(this.rec, lang);
    this.output = new LabOutput(this.rec, this.limits);
    this.judging = new Judging(this.rec);
    const stepped = isControlled(config) ? controlledSetup(this, send, parts.chooser) : undefined;
    const controlled = stepped !== undefined;
    this.sched = createScheduler(config.speed, this.#execute.bind(this), undefined, stepped);
    if (stepped) this.#controlled = this.sched as ControlledScheduler;
    this.supervisor = new Supervisor({
      rec: this.rec,
      sched: this.sched,
      lang,
      alive: () => this.procs.alive,
      failed: () => this.procs.procs.filter((p) => !p.alive && p.failed),
      sendProbe: (p, msg) => sendToLab(p, msg),
      proc: (i) => this.proc(i),
      obj: (o) => this.obj(o),
      end: (status, message) => this.end(status, message),
    });
    this.intake = new LabIntake(this);
    this.procs = new ProcBroker(this, {
      start: {
        ...labProcesses,
        // One call-site transform of each lab module per run, shared by its processes (a dot
        // name: no shared file of the lab can be called so).
        env: { ...labProcesses.env, [SITE_CACHE_ENV]: join(dir, '.call-sites') },
        lab: lab.spec,
        // The heap bound of each lab process; its resident size is watched too (memoryWatch.ts).
        nodeArgs: [`--max-old-space-size=${this.#processMB}`],
      },
      watchdog,
      source: parts.source,
      maxProcs: config.maxProcs ?? 64,
      base: {
        lab: lab.spec,
        seed: config.seed,
        speed: config.speed,
        lang,
        dir,
        controlled,
        ...(parts.source?.giveBack ? { recycle: true } : {}),
      },
      onMessage: (p, m, checked) => this.intake.take(p, m, checked),
      onBadWire: (p, reason, fatal) => this.intake.badWire(p, reason, fatal),
      onOutput: (p, s) => {
        // V8 ends a process whose heap is full by itself; the limit is told as it says so.
        if (s.includes('JavaScript heap out of memory'))
          this.limit('memory', text.heapExhausted(p.name, this.#processMB));
        if (!this.#ending) this.output.output(p, s);
      },
      onExited: (p) => this.#onExited(p),
      orderExit: stepped ? (p, record) => this.#controlled!.orderExit(p, record) : undefined,
      onLimit: (max) => this.limit('processes', text.procLimit(max)),
      beforeExit: (p, go) => (this.#ending ? go() : this.judging.beforeExit(p, go)),
    });
    const runId = labProcesses.env?.[RUN_MARKER];
    const unbrokered = lab.python && runId ? new UnbrokeredProcs(runId, watchdog) : null;
    this.#unbrokered = unbrokered;
    this.memory = new MemoryWatch(
      this.#processMB,
      config.maxRunMemoryMB ?? 4 * this.#processMB,
      () => this.procs.alive,
      (over) => this.#memoryOver(over),
      // A Python run's processes that Python started another way are bounded too.
      unbrokered ? () => unbrokered.pids() : undefined,
    );
    const sleeps = new SleepBroker(
      this,
      () => !this.#ending,
      () => this.supervisor.progress(),
      config.speed,
    );
    const locks = new LockBroker(this, this.objects);
    const pipes = new PipeBroker(this, this.objects);
    this.#brokers = {
      hub: this,
      objects: this.objects,
      procs: this.procs,
      pools: new PoolBroker(this, this.objects, this.procs),
      locks,
      sems: new SemaphoreBroker(this, this.objects),
      flags: new EventBroker(this, this.objects),
      conds: new ConditionBroker(this, this.objects, locks, config.speed),
      barriers: new BarrierBroker(this, this.objects),
      values: new ValueBroker(this, this.objects, locks),
      pipes,
      queues: new QueueBroker(
        this,
        this.objects,
        new LeaseClaims(dir),
        {
          maxItems: config.maxQueuedItems ?? RUN_BOUNDS.maxQueuedItems.fallback,
          reached: (max) => {
            this.limit('queue', text.queueLimit(max));
            this.end('stopped', text.stoppedAtQueueLimit(max)[lang]);
          },
        },
        pipes,
      ),
      // A Python script shares the files of its own folder, as `python3 script.py` would.
      files: new FileBroker(this, this.objects, labProcesses.python?.cwd ?? dir),
      sleep: (p, id, sec, site, at) => sleeps.sleep(p, id, sec, site, at),
      log: (p, text, site) => this.output.log(p, text, site),
      error: (p, m) => this.output.error(p, m),
      hello: (p, m) => {
        if (p.index !== 0 || this.#started) return this.intake.malformed(p, 'unexpected hello');
        // A built-in lab's title is the catalog's (a Python script's hello names its file).
        this.#emitStart(this.lab.builtin ? this.lab.title : m.title);
        if (m.processes !== undefined) this.procs.topUp(m.processes);
        if (!this.lab.builtin) this.judging.declare(m.judges === true);
      },
      malformed: (p, reason) => this.intake.malformed(p, reason),
    };
  }

  start(): void {
    const python = this.lab.python ? this.procs : null;
    if (python)
      this.#attach = new AttachServer(pythonSocket(this.dir), (pid, socket) =>
        python.adoptions.attached(pid, socket),
      );
    // Main runs once the spares have booted, so the children it starts begin together (a Node
    // boot is long next to a sleep at speed 20) instead of one boot time apart.
    this.procs.topUp(this.lab.builtin?.processes);
    const mainLoaded = new Promise<void>((resolve) => {
      this.#mainLoaded = resolve;
      setTimeout(resolve, SPARE_GATE_MS).unref();
      // A reused main has loaded the lab already: it says no `ready` again.
      if (this.procs.reusing) resolve();
    });
    const gate = mainLoaded.then(() => this.procs.sparesReady(SPARE_GATE_MS));
    this.procs.spawn(null, 'MainProcess', false, [], {}, gate);
    const { timeoutSec, lang } = this.config;
    this.memory.start();
    const onTimeout = () => {
      this.limit('time', RUNNER_TEXT.timeLimit(timeoutSec));
      this.end('timeout', RUNNER_TEXT.timeout(timeoutSec)[lang]);
    };
    this.supervisor.start(timeoutSec * 1000, onTimeout, !this.#controlled);
  }

  /** Step mode: the parent's answer to question `step`. */
  answer(step: number, proc: number): void {
    this.#controlled?.answer(step, proc);
  }

  /** One lab process's memory bound, MB. */
  get #processMB(): number {
    return this.config.maxMemoryMB ?? RUN_BOUNDS.maxMemoryMB.fallback;
  }

  #memoryOver({ proc, pid, usedMB, limitMB }: MemoryOver): void {
    const text = RUNNER_TEXT;
    const { lang } = this.config;
    const name = proc ? proc.name : pid !== undefined ? text.unbrokeredProcess(pid)[lang] : null;
    this.limit(
      'memory',
      name ? text.processMemory(name, usedMB, limitMB) : text.runMemory(usedMB, limitMB),
    );
    const who = name ?? (lang === 'zh-CN' ? '本次运行' : 'the run');
    this.end('stopped', text.stoppedAtMemory(who)[lang]);
  }

  /** Whether the main process has said `ready` (it started and loaded the lab or runtime). */
  get mainReady(): boolean {
    return this.#mainReady;
  }

  get ending(): Ending | null {
    return this.#ending;
  }

  // --- BrokerContext ---
  reply(p: ProcRec, id: number, value: Json, now = false): void {
    if (id === 0) return;
    if (this.#controlled) return this.#controlled.deliver(p, () => this.#reply(p, id, value, now));
    this.#reply(p, id, value, now);
  }

  #reply(p: ProcRec, id: number, value: Json, now: boolean): void {
    p.inFlight--;
    if (p.alive) p.wire.reply(id, value, now);
  }

  fail(p: ProcRec, id: number, name: string, message: string): void {
    const refuse = () => {
      if (id !== 0) p.inFlight--;
      sendToLab(p, { id, ok: false, err: { name, message } });
    };
    if (this.#controlled && id !== 0) return this.#controlled.deliver(p, refuse);
    refuse();
  }

  blocked(w: Waiter): void {
    this.supervisor.blocked(w.proc);
  }

  proc(index: number): ProcRec | undefined {
    return this.procs.procs[index];
  }

  obj(obj: number): AnyObj | undefined {
    return this.objects.at(obj);
  }

  limit(what: RunLimitKind, message: Localized): void {
    // A main stuck before its first message (a busy loop): the log still begins with run.start.
    if (!this.#started) this.#emitStart(null);
    this.limits.reached(what, message);
  }

  // --- what the intake hands on ---
  progress(): void {
    this.supervisor.progress();
  }

  onLabMessage(_p: ProcRec, m: LabMessage): void {
    if (!this.#started && m.op !== 'hello') this.#emitStart(null);
  }

  onControl(p: ProcRec, c: LabControl): void {
    if ('loop' in c) return this.supervisor.probeAnswered(p, c.loop.probe, c.loop.busy);
    if ('judged' in c) return this.judging.answered(p, c.judged);
    if ('recycled' in c) return void this.procs.recycled(p);
    // "Loaded": main's tells how many processes the lab will start (so spares boot before it
    // runs); a spare's may cross its init in flight.
    if ('ready' in c && p.index === 0) this.#mainReady = true;
    if (!('ready' in c) || p.index !== 0 || !this.#mainLoaded) return;
    if (c.processes !== undefined) this.procs.topUp(c.processes);
    this.#mainLoaded();
    this.#mainLoaded = null;
  }

  #execute(p: ProcRec, m: LabMessage): void {
    if (!p.alive || this.#ending) return;
    dispatch(this.#brokers, p, m);
  }

  #emitStart(title: Localized | null): void {
    this.#started = true;
    const fields: EventFields['run.start'] = {
      lab: this.lab.label,
      title: title ?? this.lab.title,
      seed: this.config.seed,
      speed: this.config.speed,
    };
    if (this.lab.description) fields.narration = this.lab.description;
    if (this.#controlled) fields.schedule = this.#controlled.mode;
    fields.lang = this.config.lang;
    this.rec.emit(-1, 'run.start', fields);
    this.supervisor.labStarted();
    const main = this.procs.procs[0];
    this.rec.emit(0, 'proc.spawn', { name: main.name, parent: -1, daemon: false, pid: main.pid });
  }

  #onExited(p: ProcRec): void {
    this.supervisor.progress();
    this.#brokers.pipes.exited(p);
    this.judging.exited(p);
    this.#controlled?.exited(p);
    if (!this.#ending) this.#brokers.pools.exited(p);
    if (!this.#started && p.index === 0) this.#emitStart(null);
    if (this.procs.alive.length > 0) return;
    this.procs.killSpares();
    this.#attach?.close();
    if (!this.#ending) {
      const [status, message] = endStatus(this.procs.procs, this.config.lang);
      this.#ending = { status, message };
      this.supervisor.stop();
      this.memory.stop();
    }
    this.onEnd(this.#ending);
  }

  /** Ends the run early: kill the whole tree; the run is over once every process is gone. */
  end(status: RunStatus, message: string): void {
    if (this.#ending) return;
    if (!this.#started) this.#emitStart(null);
    this.#ending = { status, message };
    this.supervisor.stop();
    this.memory.stop();
    this.procs.killSpares();
    this.#attach?.close();
    const alive = this.procs.alive;
    if (alive.length === 0) return this.onEnd(this.#ending);
    for (const p of alive) this.procs.kill(p, 'killed');
    this.#unbrokered?.killAllBut(alive);
    // Past this, a process that will not die is not waited for (its exit would be lost, not the run).
    setTimeout(() => this.onEnd(this.#ending as Ending), 3000).unref();
  }
}
