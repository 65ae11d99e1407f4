/**
 * PipeBroker: each Pipe's two ends, the messages waiting at each, and which processes hold each
 * end (the one that made the pipe, each child started with the end in its arguments, and each
 * process that received the end in a queue item or a pipe message, until it closes it or
 * exits), as an operating system counts a pipe's file descriptors. Once no process holds an end,
 * recv() at the other raises EOFError when drained, and send() there raises BrokenPipeError.
 */
import type { Json } from '../protocol/events';
import type { LabMessageOf } from '../protocol/lab';
import type { BrokerContext } from './brokerContext';
import type { ObjectTable } from './objectTable';
import { preview } from './preview';
import type { ProcRec } from './procRec';
import { dropWaiter, newWaiter, type Waiter } from './waiter';

interface PipeEnd {
  readonly holders: Set<ProcRec>;
  /**
   * Copies of the end on their way in queue items or pipe messages, by the process that sent
   * them: CPython's sender keeps a duplicate of the descriptor until the receiver takes it (or
   * the sender exits), so the end stays open meanwhile, even if the sender closes its own.
   */
  readonly inTransit: Map<ProcRec, number>;
  /** Messages sent to this end, oldest first. */
  readonly inbox: { msg: number; value: Json; from?: ProcRec }[];
  /** Processes in recv() or a waiting poll() at this end. */
  readonly waiters: Waiter[];
}

export interface PipeState {
  readonly kind: 'pipe';
  readonly obj: number;
  readonly name: string;
  readonly duplex: boolean;
  readonly ends: readonly [PipeEnd, PipeEnd];
  nextMsg: number;
}

const newEnd = (p: ProcRec): PipeEnd => ({
  holders: new Set([p]),
  inTransit: new Map(),
  inbox: [],
  waiters: [],
});

/** Whether any process holds `end`, or a copy of it is on its way to one. */
const held = (end: PipeEnd): boolean => end.holders.size > 0 || end.inTransit.size > 0;

/** How a queue hands on the pipe ends in its items (see PipeBroker.sent and received). */
export interface HandleTransit {
  sent(from: ProcRec, value: Json): boolean;
  received(by: ProcRec, from: ProcRec, value: Json): void;
}

/** A Connection as it travels in a child's arguments (runtime/pipe.ts `toWire`). */
function connectionsIn(v: Json, out: { ref: string; end: number }[], depth = 0): void {
  if (v === null || typeof v !== 'object' || depth > 60) return;
  if (Array.isArray(v)) return v.forEach((x) => connectionsIn(x, out, depth + 1));
  if (v.$cl === 'Connection' && typeof v.ref === 'string' && (v.end === 0 || v.end === 1))
    out.push({ ref: v.ref, end: v.end });
  else for (const x of Object.values(v)) connectionsIn(x, out, depth + 1);
}

export class PipeBroker implements HandleTransit {
  readonly #pipes: PipeState[] = [];

  constructor(
    private readonly hub: BrokerContext,
    private readonly objects: ObjectTable<{ obj: number; kind: string }>,
  ) {}

  create(p: ProcRec, m: LabMessageOf<'pipe.create'>): void {
    const { obj, name } = this.objects.identify('Pipe', m.name);
    const pipe: PipeState = {
      kind: 'pipe',
      obj,
      name,
      duplex: m.duplex,
      ends: [newEnd(p), newEnd(p)],
      nextMsg: 0,
    };
    this.#pipes.push(pipe);
    this.objects.add(m.ref, pipe);
    this.hub.rec.emit(p.index, 'pipe.create', { obj, name, duplex: m.duplex, site: m.site });
  }

  /** A child started with ends of pipes among its arguments holds them too. */
  inherit(child: ProcRec, args: Json): void {
    for (const end of this.#endsIn(args)) end.holders.add(child);
  }

  /** `from` sent `value` on (a queue item, a pipe message): true when it carries pipe ends. */
  sent(from: ProcRec, value: Json): boolean {
    const ends = this.#endsIn(value);
    for (const end of ends) end.inTransit.set(from, (end.inTransit.get(from) ?? 0) + 1);
    return ends.length > 0;
  }

  /** `by` received `value`, which `from` sent: it holds the ends in it now, `from`'s copies go. */
  received(by: ProcRec, from: ProcRec, value: Json): void {
    for (const end of this.#endsIn(value)) {
      end.holders.add(by);
      const copies = (end.inTransit.get(from) ?? 0) - 1;
      if (copies > 0) end.inTransit.set(from, copies);
      else end.inTransit.delete(from);
    }
  }

  #endsIn(value: Json): PipeEnd[] {
    const found: { ref: string; end: number }[] = [];
    connectionsIn(value, found);
    const ends: PipeEnd[] = [];
    for (const c of found) {
      const pipe = this.objects.get(c.ref) as PipeState | undefined;
      if (pipe?.kind === 'pipe') ends.push(pipe.ends[c.end]);
    }
    return ends;
  }

  send(p: ProcRec, m: LabMessageOf<'pipe.send'>, pipe: PipeState): void {
    const { hub } = this;
    if (!this.#usable(p, m, pipe, 'send')) return;
    const to = pipe.ends[1 - m.end];
    if (!held(to)) {
      hub.rec.emit(p.index, 'pipe.broken', { obj: pipe.obj, end: m.end, site: m.site });
      return hub.fail(p, m.id, 'BrokenPipeError', '[Errno 32] Broken pipe');
    }
    const msg = ++pipe.nextMsg;
    const from = this.sent(p, m.value) ? p : undefined;
    to.inbox.push({ msg, value: m.value, from });
    const sent = { obj: pipe.obj, end: m.end, msg, value: preview(m.value), site: m.site };
    hub.rec.emit(p.index, 'pipe.send', { ...sent, pending: to.inbox.length });
    hub.reply(p, m.id, null);
    this.#serve(pipe, 1 - m.end);
  }

  recv(p: ProcRec, m: LabMessageOf<'pipe.recv'>, pipe: PipeState): void {
    if (!this.#usable(p, m, pipe, 'recv')) return;
    const w = newWaiter(p, m.id, 'recv', pipe.obj, this.hub.rec.now(), undefined, m.site);
    w.end = m.end;
    this.#wait(pipe, m.end, w, 'pipe.recv.wait');
  }

  poll(p: ProcRec, m: LabMessageOf<'pipe.poll'>, pipe: PipeState): void {
    const { hub } = this;
    if (!this.#usable(p, m, pipe, 'recv')) return;
    const w = newWaiter(p, m.id, 'poll', pipe.obj, hub.rec.now(), undefined, m.site);
    w.end = m.end;
    if (m.timeoutSec === 0 && !this.#ready(pipe, m.end)) return this.#answerPoll(pipe, w, false);
    this.#wait(pipe, m.end, w, null);
    if (!w.list) return;
    if (m.timeoutSec === undefined) return hub.blocked(w);
    w.timer = hub.sched.after(m.timeoutSec, () => {
      w.timer = null;
      this.#answerPoll(pipe, w, false);
    });
  }

  close(p: ProcRec, m: LabMessageOf<'pipe.close'>, pipe: PipeState): void {
    if (!this.#usable(p, m, pipe, 'close')) return;
    this.hub.reply(p, m.id, null);
    this.#letGo(p, pipe, m.end, m.site);
  }

  /**
   * An exiting process's handles close, as the operating system closes its descriptors; so do
   * the copies it was still passing on (CPython's resource sharer ends with it).
   */
  exited(p: ProcRec): void {
    for (const pipe of this.#pipes)
      for (const end of [0, 1]) {
        const at = pipe.ends[end];
        if (at.inTransit.delete(p) && !held(at)) this.#serve(pipe, 1 - end);
        if (at.holders.has(p)) this.#letGo(p, pipe, end);
      }
  }

  #letGo(p: ProcRec, pipe: PipeState, end: number, site?: number): void {
    const holders = pipe.ends[end].holders;
    if (!holders.delete(p)) return;
    this.hub.rec.emit(p.index, 'pipe.close', { obj: pipe.obj, end, holders: holders.size, site });
    if (!held(pipe.ends[end])) this.#serve(pipe, 1 - end);
  }

  /** Queues `w` at `end` and serves it at once if it can be; `waitKind` is recorded when it must wait. */
  #wait(pipe: PipeState, end: number, w: Waiter, waitKind: 'pipe.recv.wait' | null): void {
    const at = pipe.ends[end];
    w.list = at.waiters;
    at.waiters.push(w);
    this.#serve(pipe, end);
    if (!w.list) return;
    if (waitKind) this.hub.rec.emit(w.proc.index, waitKind, { obj: pipe.obj, end, site: w.site });
    if (w.kind === 'recv') this.hub.blocked(w);
  }

  /** Something arrived at `end`, or its other end closed: answer the waiters that can be. */
  #serve(pipe: PipeState, end: number): void {
    const at = pipe.ends[end];
    for (const w of at.waiters.filter((x) => x.kind === 'poll'))
      if (this.#ready(pipe, end)) this.#answerPoll(pipe, w, true);
    const readers = () => at.waiters.filter((x) => x.kind === 'recv');
    for (let r = readers(); r.length > 0 && at.inbox.length > 0; r = readers()) {
      const w = r[this.hub.sched.choose(r)];
      dropWaiter(w);
      const { msg, value, from } = at.inbox.shift()!;
      if (from) this.received(w.proc, from, value);
      const got = { obj: pipe.obj, end, msg, value: preview(value), pending: at.inbox.length };
      this.hub.rec.emit(w.proc.index, 'pipe.recv', { ...got, site: w.site });
      this.hub.reply(w.proc, w.id, value);
    }
    if (held(pipe.ends[1 - end])) return;
    for (const w of readers()) {
      dropWaiter(w);
      this.hub.rec.emit(w.proc.index, 'pipe.eof', { obj: pipe.obj, end, site: w.site });
      this.hub.fail(w.proc, w.id, 'EOFError', '');
    }
  }

  #ready(pipe: PipeState, end: number): boolean {
    return pipe.ends[end].inbox.length > 0 || !held(pipe.ends[1 - end]);
  }

  #answerPoll(pipe: PipeState, w: Waiter, result: boolean): void {
    dropWaiter(w);
    const end = w.end ?? 0;
    this.hub.rec.emit(w.proc.index, 'pipe.poll', { obj: pipe.obj, end, result, site: w.site });
    this.hub.reply(w.proc, w.id, result);
  }

  /** Whether `p` may `use` end `m.end` of a one-way pipe; refused with CPython's OSError else. */
  #usable(
    p: ProcRec,
    m: { id: number; end: number },
    pipe: PipeState,
    use: 'send' | 'recv' | 'close',
  ): boolean {
    if (m.end > 1) {
      this.hub.fail(p, m.id, 'ValueError', `a pipe has ends 0 and 1, not ${m.end}`);
      return false;
    }
    if (pipe.duplex || use === 'close') return true;
    if (use === 'send' && m.end === 0) {
      this.hub.fail(p, m.id, 'OSError', 'connection is read-only');
      return false;
    }
    if (use === 'recv' && m.end === 1) {
      this.hub.fail(p, m.id, 'OSError', 'connection is write-only');
      return false;
    }
    return true;
  }
}
