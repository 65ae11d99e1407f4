/**
 * ProcBroker: the runner forks every lab process (main and, on its behalf, every child), so it
 * owns the whole tree: start, join, terminate, the end of a process's code, and its exit.
 */
import { constants } from 'node:os';
import type { ExitReason } from '../protocol/events';
import type { LabInit, LabMessageOf } from '../protocol/lab';
import type { BrokerContext } from './brokerContext';
import { LabWire } from './labWire';
import { exitReason, newProcRec, send, type ProcRec } from './procRec';
import { Adoptions, pidHandle } from './pythonProcs';
import { SparePool, type LabProcess, type LabProcessSpec, type ProcessSource } from './spares';
import { dropWaiter, newWaiter } from './waiter';
import type { Watchdog } from './watchdog';

const KILL_GRACE_MS = 300;

/** What a started child runs: an export `target` with `args`, or a Pool's worker loop (`pool`). */
export type ChildRole = Pick<LabInit, 'target' | 'args' | 'pool'>;

/** Main waits for at most this many spares to boot before it runs. */
const MAX_GATE_SPARES = 16;
/** How long an exited process's wire may take to drain before its exit is recorded anyway. */
const WIRE_END_WAIT_MS = 5000;

export interface ProcHooks {
  /** How lab processes are started. */
  start: LabProcessSpec;
  /** Where they come from, when not booted for this run alone (an exploration reuses them). */
  source?: ProcessSource;
  /** The parts of every process's init that are the same for the whole run. */
  base: Omit<LabInit, 'proc' | 'name' | 'daemon' | 'identity' | 'target' | 'args'>;
  maxProcs: number;
  /** `checked`: a lock operation its binary frame's decoder has checked already. */
  onMessage(p: ProcRec, msg: unknown, checked: boolean): void;
  /** Its wire carried something unreadable; `fatal`: nothing more can be read from it. */
  onBadWire(p: ProcRec, reason: string, fatal: boolean): void;
  onOutput(p: ProcRec, chunk: string): void;
  onExited(p: ProcRec): void;
  /**
   * Controlled schedules: records exit `record` of `p` when its turn comes (processes killed
   * together exit in the OS's order; a replayable log needs one order).
   */
  orderExit?(p: ProcRec, record: () => void): void;
  /** The run hit its process limit (`max`). */
  onLimit(max: number): void;
  /**
   * The lab code of `p` has ended and its children have exited: `go` answers its `proc.finish`
   * (it then exits). The run may first have a word with it (main judges the run: judging.ts).
   */
  beforeExit?(p: ProcRec, go: () => void): void;
  watchdog: Watchdog;
}

export class ProcBroker {
  readonly procs: ProcRec[] = [];
  /** A Python script's processes, started by multiprocessing, joining the run. */
  readonly adoptions = new Adoptions();
  readonly #pool: ProcessSource;
  /** A booted lab process (by index), and how to take the run's listeners off it to reuse it. */
  readonly #reusable = new Map<number, { process: LabProcess; detach: () => void }>();

  constructor(
    private readonly hub: BrokerContext,
    private readonly hooks: ProcHooks,
  ) {
    this.#pool =
      hooks.source ??
      new SparePool(hooks.start, hooks.watchdog, () => hooks.maxProcs - this.procs.length);
  }

  /** Processes come from an exploration's pool and go back to it (main included). */
  get reusing(): boolean {
    return this.#pool.forMain;
  }

  get alive(): ProcRec[] {
    return this.procs.filter((p) => p.alive);
  }

  /** Spare processes: booted ahead, given a role by start(). See SparePool. */
  topUp(hint?: number): void {
    this.#pool.topUp(this.procs.length - 1, hint);
  }

  killSpares(): void {
    this.#pool.close();
    this.adoptions.close();
  }

  /** Resolves once the spares the lab is expected to need have booted (at most `capMs`). */
  sparesReady(capMs: number): Promise<void> {
    return this.#pool.whenReady(MAX_GATE_SPARES, capMs);
  }

  /** Gives a lab process its role (a spare if one is ready). The caller records proc.spawn. */
  spawn(
    parent: ProcRec | null,
    name: string,
    daemon: boolean,
    identity: number[],
    role: ChildRole = {},
    gate?: Promise<void>,
  ): ProcRec {
    const index = this.procs.length;
    const { child, wire } =
      (parent || this.#pool.forMain ? this.#pool.take() : null) ?? this.#pool.start();
    wire.listen({
      onMessage: (m, checked) => this.hooks.onMessage(p, m, checked),
      onBad: (reason, fatal) => this.hooks.onBadWire(p, reason, fatal),
    });
    const p = newProcRec(index, name, daemon, parent ? parent.index : -1, child, wire);
    this.procs.push(p);
    parent?.children.push(p);
    const init: LabInit = { ...this.hooks.base, proc: index, name, daemon, identity, ...role };
    if (parent) init.parent = { proc: parent.index, name: parent.name, pid: parent.pid };
    const output = (s: string) => this.hooks.onOutput(p, s);
    child.stdout?.setEncoding('utf8').on('data', output);
    child.stderr?.setEncoding('utf8').on('data', output);
    let handled = false;
    const exited = (code: number | null, signal: NodeJS.Signals | null) => {
      // Messages sent just before exiting are still being read until the wire's EOF.
      const go = (force: boolean) => {
        if (handled || (!force && !wire.ended)) return;
        handled = true;
        const record = () => this.#exited(p, code, signal);
        if (this.hooks.orderExit) this.hooks.orderExit(p, record);
        else record();
      };
      wire.onEnd(() => go(false));
      setTimeout(() => go(true), WIRE_END_WAIT_MS).unref();
    };
    child.on('exit', exited);
    const detach = () => {
      child.stdout?.removeListener('data', output);
      child.stderr?.removeListener('data', output);
      child.removeListener('exit', exited);
    };
    this.#reusable.set(index, { process: { child, wire }, detach });
    if (p.pid < 0) setImmediate(() => exited(1, null));
    else if (gate) void gate.then(() => send(p, { init }));
    else send(p, { init });
    setImmediate(() => this.topUp());
    return p;
  }

  /** May `p` start a child now? If not, its request `id` is refused. */
  #mayStart(p: ProcRec, id: number, python: boolean): boolean {
    const { hub } = this;
    if (python !== Boolean(this.hooks.start.python)) {
      const what = python ? 'proc.adopt is for' : 'proc.start is not for';
      hub.fail(p, id, 'TypeError', `${what} the processes of a Python script`);
      return false;
    }
    return this.mayHaveChildren(p, id);
  }

  /**
   * May `p` start a child now (or `count` of them)? If not, its request `id` is refused (id 0:
   * the run starts it on `p`'s behalf, a Pool's replacement worker, and nothing is refused).
   */
  mayHaveChildren(p: ProcRec, id: number, count = 1): boolean {
    const { hub } = this;
    if (p.daemon) {
      if (id)
        hub.fail(p, id, 'AssertionError', 'daemonic processes are not allowed to have children');
      return false;
    }
    if (this.procs.length + count > this.hooks.maxProcs) {
      this.hooks.onLimit(this.hooks.maxProcs);
      const max = this.hooks.maxProcs;
      if (id) hub.fail(p, id, 'Error', `too many processes: a run may start at most ${max}`);
      return false;
    }
    return true;
  }

  /** Starts the child `m` asks for: returned, or null when refused. */
  start(p: ProcRec, m: LabMessageOf<'proc.start'>): ProcRec | null {
    if (!this.#mayStart(p, m.id, false)) return null;
    const args = Array.isArray(m.args) ? m.args : [m.args];
    const role = { target: m.target, args };
    const c = this.startChild(p, m.name, m.daemon, m.identity, role, m.site);
    this.hub.reply(p, m.id, { proc: c.index, pid: c.pid });
    return c;
  }

  /** Starts child `name` of `p` in `role` and records its spawn (callers check mayHaveChildren). */
  startChild(
    p: ProcRec,
    name: string,
    daemon: boolean,
    identity: number[],
    role: ChildRole,
    site?: number,
  ): ProcRec {
    const c = this.spawn(p, name.slice(0, 100), daemon, identity.slice(0, 32), role);
    this.hub.rec.emit(c.index, 'proc.spawn', {
      name: c.name,
      parent: p.index,
      daemon: c.daemon,
      pid: c.pid,
      site,
    });
    return c;
  }

  /** Python: `p` started child `m.pid` itself; it attaches by that pid (pythonProcs.ts). */
  adopt(p: ProcRec, m: LabMessageOf<'proc.adopt'>): ProcRec | undefined {
    const { hub } = this;
    if (!this.#mayStart(p, m.id, true)) return;
    if (this.procs.some((q) => q.pid === m.pid) || m.pid === process.pid)
      return void hub.fail(p, m.id, 'ValueError', `process ${m.pid} cannot join the run`);
    const index = this.procs.length;
    const wire = new LabWire(
      null,
      {
        onMessage: (msg, checked) => this.hooks.onMessage(c, msg, checked),
        onBad: (reason, fatal) => this.hooks.onBadWire(c, reason, fatal),
      },
      true,
    );
    const name = m.name.slice(0, 100);
    const c = newProcRec(index, name, m.daemon, p.index, pidHandle(m.pid), wire);
    this.procs.push(c);
    p.children.push(c);
    this.hooks.watchdog.watch(m.pid);
    const identity = m.identity.slice(0, 32);
    send(c, { init: { ...this.hooks.base, proc: index, name, daemon: m.daemon, identity } });
    let handled = false;
    const ended = () => {
      if (handled) return;
      handled = true;
      // It is not the runner's child: its code is the one it finished with, else it was killed.
      const killed = c.finishCode === null && c.killReason !== null;
      const record = () =>
        this.#exited(c, killed ? null : (c.finishCode ?? 1), killed ? 'SIGTERM' : null);
      if (this.hooks.orderExit) this.hooks.orderExit(c, record);
      else record();
    };
    this.adoptions.adopted(
      m.pid,
      (socket) => {
        wire.connect(socket);
        socket.resume();
        wire.onEnd(ended);
      },
      ended,
    );
    // At the start() line, as a JavaScript lab's start is; a Pool's workers are at none (pools.ts).
    const spawned = { name, parent: p.index, daemon: c.daemon, pid: m.pid };
    const pooled = m.pool !== undefined;
    hub.rec.emit(index, 'proc.spawn', pooled ? spawned : { ...spawned, site: m.site });
    hub.reply(p, m.id, { proc: index, pid: m.pid });
    return c;
  }

  #child(p: ProcRec, m: { id: number; target: number }, what: string): ProcRec | null {
    const t = this.procs[m.target];
    if (!t || t.parent !== p.index) {
      this.hub.fail(p, m.id, 'AssertionError', `can only ${what} a child process`);
      return null;
    }
    return t;
  }

  join(p: ProcRec, m: LabMessageOf<'proc.join'>): void {
    const t = this.#child(p, m, 'join');
    if (!t) return;
    const { hub } = this;
    hub.rec.emit(
      p.index,
      'proc.join.wait',
      m.timeoutSec === undefined
        ? { target: t.index, site: m.site }
        : { target: t.index, timeoutSec: m.timeoutSec, site: m.site },
    );
    if (!t.alive) {
      hub.rec.emit(p.index, 'proc.join.done', { target: t.index, timedOut: false, site: m.site });
      return hub.reply(p, m.id, { exitCode: t.exitCode });
    }
    const w = newWaiter(p, m.id, 'join', t.index, hub.rec.now(), undefined, m.site);
    if (m.timeoutSec === undefined) return hub.blocked(w);
    w.timer = hub.sched.after(m.timeoutSec, () => {
      w.timer = null;
      dropWaiter(w);
      hub.rec.emit(p.index, 'proc.join.done', { target: t.index, timedOut: true, site: w.site });
      hub.reply(p, w.id, { exitCode: null });
    });
  }

  terminate(p: ProcRec, m: LabMessageOf<'proc.terminate'>): void {
    const t = this.#child(p, m, 'terminate');
    if (!t) return;
    this.hub.rec.emit(p.index, 'proc.terminate', { target: t.index, site: m.site });
    this.kill(t, 'terminated', m.signal ?? 'SIGTERM');
    this.hub.reply(p, m.id, null);
  }

  /** The lab code of `p` ended: terminate its daemons, then let it exit once its children have. */
  finish(p: ProcRec, m: LabMessageOf<'proc.finish'>): void {
    p.finishCode = m.code;
    for (const c of p.children) if (c.alive && c.daemon) this.kill(c, 'daemon');
    const first = p.children.find((c) => c.alive);
    if (!first) return this.#letExit(p, m.id);
    newWaiter(p, m.id, 'exit', first.index, this.hub.rec.now());
    this.hub.rec.emit(p.index, 'proc.join.wait', { target: first.index });
  }

  /*
   * Like CPython's exit handler (multiprocessing.util._exit_function), a process whose code ended
   * joins its remaining children one by one before it exits; the log shows each of those joins, so
   * no view draws the parent as running while it only waits.
   */
  #joinedAtExit(parent: ProcRec, child: ProcRec): void {
    for (const w of [...parent.waiting]) {
      if (w.kind !== 'exit' || w.obj !== child.index) continue;
      this.hub.rec.emit(parent.index, 'proc.join.done', { target: child.index, timedOut: false });
      const next = parent.children.find((c) => c.alive);
      if (next) {
        w.obj = next.index;
        this.hub.rec.emit(parent.index, 'proc.join.wait', { target: next.index });
        continue;
      }
      dropWaiter(w);
      this.#letExit(parent, w.id);
    }
  }

  #letExit(p: ProcRec, id: number): void {
    const go = () => this.hub.reply(p, id, null);
    if (this.hooks.beforeExit) this.hooks.beforeExit(p, go);
    else go();
  }

  /**
   * `p` is done with the run and is being reused (init.recycle): the run records its exit as if
   * it had exited with its code, and the process goes back to be reused once it has loaded the
   * lab afresh. False when `p` is not such a process.
   */
  recycled(p: ProcRec): boolean {
    const giveBack = this.#pool.giveBack;
    const reusable = this.#reusable.get(p.index);
    if (!giveBack || !reusable || !p.alive || p.finishCode === null || p.killReason) return false;
    this.#reusable.delete(p.index);
    reusable.detach();
    const record = () => this.#exited(p, p.finishCode, null);
    if (this.hooks.orderExit) this.hooks.orderExit(p, record);
    else record();
    giveBack(reusable.process);
    return true;
  }

  /** Signals `p` (SIGTERM, then SIGKILL after a grace period). The first reason given sticks. */
  kill(p: ProcRec, reason: ExitReason, signal: NodeJS.Signals = 'SIGTERM'): void {
    if (!p.alive) return;
    p.killReason ??= reason;
    try {
      p.child.kill(signal);
    } catch {
      /* already gone */
    }
    if (signal !== 'SIGKILL') {
      setTimeout(() => {
        if (p.alive) this.kill(p, reason, 'SIGKILL');
      }, KILL_GRACE_MS).unref();
    }
  }

  #exited(p: ProcRec, code: number | null, signal: NodeJS.Signals | null): void {
    if (!p.alive) return;
    p.alive = false;
    this.hooks.watchdog.forget(p.pid);
    const reason = exitReason(p, code, signal);
    p.exitReason = reason;
    p.exitCode = code ?? -(signal ? (constants.signals[signal] ?? 9) : 9);
    this.hub.rec.emit(p.index, 'proc.exit', signal ? { code, signal, reason } : { code, reason });
    for (const w of [...p.waiting]) dropWaiter(w);
    for (const t of p.timers) t.cancel();
    p.timers.clear();
    const parent = this.procs[p.parent];
    if (parent?.alive) send(parent, { exited: p.index, code: p.exitCode });
    for (const q of this.procs) {
      if (!q.alive) continue;
      for (const w of [...q.waiting]) {
        if (w.kind === 'join' && w.obj === p.index) {
          dropWaiter(w);
          const done = { target: p.index, timedOut: false, site: w.site };
          this.hub.rec.emit(q.index, 'proc.join.done', done);
          this.hub.reply(q, w.id, { exitCode: p.exitCode });
        }
      }
    }
    for (const c of p.children) if (c.alive && c.daemon) this.kill(c, 'daemon');
    if (parent?.alive) this.#joinedAtExit(parent, p);
    this.hooks.onExited(p);
  }
}
