/**
 * PipeBroker: each Pipe's two ends, the messages waiting at each, and which processes hold each
 * end (the one that made the pipe, and each child started with the end in its arguments, until
 * it closes it or exits), as an operating system counts a pipe's file descriptors. Once no
 * process holds an end, recv() at the other raises EOFError when drained, and send() there
 * raises BrokenPipeError.
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
  /** Messages sent to this end, oldest first. */
  readonly inbox: { msg: number; value: Json }[];
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

const newEnd = (p: ProcRec): PipeEnd => ({ holders: new Set([p]), inbox: [], waiters: [] });

/** A Connection as it travels in a child's arguments (runtime/pipe.ts `toWire`). */
function connectionsIn(v: Json, out: { ref: string; end: number }[], depth = 0): void {
  if (v === null || typeof v !== 'object' || depth > 60) return;
  if (Array.isArray(v)) return v.forEach((x) => connectionsIn(x, out, depth + 1));
  if (v.$cl === 'Connection' && typeof v.ref === 'string' && (v.end === 0 || v.end === 1))
    out.push({ ref: v.ref, end: v.end });
  else for (const x of Object.values(v)) connectionsIn(x, out, depth + 1);
}

export class PipeBroker {
  readonly #pipes: PipeState[] = [];

  constructor(
    private readonly hub: BrokerContext,
    private readonly objects: ObjectTable<{ obj: number; kind: string }>,
  ) {}

  create(p: ProcRec, m: LabMessageOf<'pipe.create'>): void {
    const obj = this.objects.nextObj();
    const name = m.name?.slice(0, 100) || this.objects.defaultName('Pipe');
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
    const found: { ref: string; end: number }[] = [];
    connectionsIn(args, found);
    for (const c of found) {
      const pipe = this.objects.get(c.ref) as PipeState | undefined;
      if (pipe?.kind === 'pipe') pipe.ends[c.end].holders.add(child);
    }
  }

  send(p: ProcRec, m: LabMessageOf<'pipe.send'>, pipe: PipeState): void {
    const { hub } = this;
    if (!this.#usable(p, m, pipe, 'send')) return;
    const to = pipe.ends[1 - m.end];
    if (to.holders.size === 0) {
      hub.rec.emit(p.index, 'pipe.broken', { obj: pipe.obj, end: m.end, site: m.site });
      return hub.fail(p, m.id, 'BrokenPipeError', '[Errno 32] Broken pipe');
    }
    const msg = ++pipe.nextMsg;
    to.inbox.push({ msg, value: m.value });
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

  /** An exiting process's handles close, as the operating system closes its descriptors. */
  exited(p: ProcRec): void {
    for (const pipe of this.#pipes)
      for (const end of [0, 1]) if (pipe.ends[end].holders.has(p)) this.#letGo(p, pipe, end);
  }

  #letGo(p: ProcRec, pipe: PipeState, end: number, site?: number): void {
    const holders = pipe.ends[end].holders;
    if (!holders.delete(p)) return;
    this.hub.rec.emit(p.index, 'pipe.close', { obj: pipe.obj, end, holders: holders.size, site });
    if (holders.size === 0) this.#serve(pipe, 1 - end);
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
      const { msg, value } = at.inbox.shift()!;
      const got = { obj: pipe.obj, end, msg, value: preview(value), pending: at.inbox.length };
      this.hub.rec.emit(w.proc.index, 'pipe.recv', { ...got, site: w.site });
      this.hub.reply(w.proc, w.id, value);
    }
    if (pipe.ends[1 - end].holders.size > 0) return;
    for (const w of readers()) {
      dropWaiter(w);
      this.hub.rec.emit(w.proc.index, 'pipe.eof', { obj: pipe.obj, end, site: w.site });
      this.hub.fail(w.proc, w.id, 'EOFError', '');
    }
  }

  #ready(pipe: PipeState, end: number): boolean {
    return pipe.ends[end].inbox.length > 0 || pipe.ends[1 - end].holders.size === 0;
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
