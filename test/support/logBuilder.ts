import type { EventFields, EventKind, Json, LabEvent, RunStatus } from '../../src/protocol/events';
import { checkLog } from '../../src/protocol/validateEvent';

/**
 * Builds protocol-v1 logs for tests: stamps v, seq and t, hands out obj and item ids, tracks queue
 * contents and file values so puts/gets and reads stay consistent. `build()` refuses an invalid log.
 */
export class LogBuilder {
  private readonly events: LabEvent[] = [];
  private now = 0;
  private nextObj = 1;
  private nextItem = 1;
  private readonly queues = new Map<number, { item: number; value: Json }[]>();
  private readonly files = new Map<number, Json>();
  private readonly requests = new Map<string, number>();
  private readonly unfinished = new Map<number, number>();

  /** Sets the clock (µs); it may not go back. */
  at(t: number): this {
    if (t < this.now) throw new Error(`time cannot go back from ${this.now} to ${t}`);
    this.now = t;
    return this;
  }

  /** Advances the clock by `dt` µs. */
  after(dt: number): this {
    return this.at(this.now + dt);
  }

  get t(): number {
    return this.now;
  }
  /** Seq of the last event added. */
  get lastSeq(): number {
    return this.events.length - 1;
  }

  add<K extends EventKind>(proc: number, kind: K, fields: EventFields[K]): this {
    this.events.push({
      v: 1,
      seq: this.events.length,
      t: this.now,
      proc,
      kind,
      ...fields,
    } as unknown as LabEvent);
    return this;
  }

  start(lab = 'test-lab', seed = 1, speed = 1): this {
    return this.add(-1, 'run.start', { lab, title: { en: lab, 'zh-CN': lab }, seed, speed });
  }
  end(status: RunStatus = 'ok'): this {
    return this.add(-1, 'run.end', { status });
  }
  spawn(proc: number, name: string, opts: { parent?: number; daemon?: boolean } = {}): this {
    return this.add(proc, 'proc.spawn', {
      name,
      parent: opts.parent ?? (proc === 0 ? -1 : 0),
      daemon: opts.daemon ?? false,
      pid: 4000 + proc,
    });
  }
  exit(
    proc: number,
    code: number | null = 0,
    reason: EventFields['proc.exit']['reason'] = 'returned',
  ): this {
    return this.add(proc, 'proc.exit', { code, reason });
  }
  sleep(proc: number, sec = 1): this {
    return this.add(proc, 'sleep.begin', { sec });
  }
  wake(proc: number): this {
    return this.add(proc, 'sleep.end', {});
  }
  log(proc: number, text: string): this {
    return this.add(proc, 'log', { text });
  }

  createLock(name = 'lock', proc = 0): number {
    const obj = this.nextObj++;
    this.add(proc, 'lock.create', { obj, name });
    return obj;
  }
  request(proc: number, obj: number, block = true): this {
    this.requests.set(`${obj}:${proc}`, this.now);
    return this.add(proc, 'lock.request', { obj, block });
  }
  acquire(proc: number, obj: number): this {
    const since = this.requests.get(`${obj}:${proc}`) ?? this.now;
    return this.add(proc, 'lock.acquire', { obj, waitedUs: this.now - since });
  }
  release(proc: number, obj: number): this {
    return this.add(proc, 'lock.release', { obj });
  }
  lockTimeout(proc: number, obj: number): this {
    return this.add(proc, 'lock.timeout', { obj });
  }

  createQueue(name = 'q', maxsize = 0, joinable = false, proc = 0): number {
    const obj = this.nextObj++;
    this.queues.set(obj, []);
    if (joinable) this.unfinished.set(obj, 0);
    this.add(proc, 'queue.create', { obj, name, maxsize, joinable });
    return obj;
  }
  put(proc: number, obj: number, value: Json): this {
    const q = this.queue(obj);
    const item = this.nextItem++;
    q.push({ item, value });
    if (this.unfinished.has(obj)) this.unfinished.set(obj, this.unfinished.get(obj)! + 1);
    return this.add(proc, 'queue.put', { obj, item, value, size: q.length });
  }
  /** Takes the oldest item (FIFO), as the broker does. */
  get(proc: number, obj: number): this {
    const q = this.queue(obj);
    const x = q.shift();
    if (!x) throw new Error(`queue ${obj} is empty`);
    return this.add(proc, 'queue.get', { obj, item: x.item, value: x.value, size: q.length });
  }
  putWait(proc: number, obj: number): this {
    return this.add(proc, 'queue.put.wait', { obj });
  }
  getWait(proc: number, obj: number): this {
    return this.add(proc, 'queue.get.wait', { obj });
  }
  full(proc: number, obj: number): this {
    return this.add(proc, 'queue.full', { obj });
  }
  empty(proc: number, obj: number): this {
    return this.add(proc, 'queue.empty', { obj });
  }
  taskDone(proc: number, obj: number): this {
    const n = Math.max(0, (this.unfinished.get(obj) ?? 0) - 1);
    this.unfinished.set(obj, n);
    return this.add(proc, 'queue.task_done', { obj, unfinished: n });
  }
  queueJoinWait(proc: number, obj: number): this {
    return this.add(proc, 'queue.join.wait', { obj, unfinished: this.unfinished.get(obj) ?? 0 });
  }
  queueJoinDone(proc: number, obj: number): this {
    return this.add(proc, 'queue.join.done', { obj });
  }
  joinWait(proc: number, target: number): this {
    return this.add(proc, 'proc.join.wait', { target });
  }
  joinDone(proc: number, target: number, timedOut = false): this {
    return this.add(proc, 'proc.join.done', { target, timedOut });
  }

  createFile(name: string, value: Json, proc = 0): number {
    const obj = this.nextObj++;
    this.files.set(obj, value);
    this.add(proc, 'file.create', { obj, name, value });
    return obj;
  }
  /** A successful read of the file's current value. */
  read(proc: number, obj: number): this {
    return this.add(proc, 'file.read', { obj, value: this.files.get(obj) ?? null });
  }
  /** A read that found the file mid-write. */
  tornRead(proc: number, obj: number, raw = '', error = 'Unexpected end of JSON input'): this {
    return this.add(proc, 'file.read', { obj, error, raw });
  }
  write(proc: number, obj: number, value: Json): this {
    this.files.set(obj, value);
    return this.add(proc, 'file.write', { obj, value });
  }

  build(): LabEvent[] {
    const c = checkLog(this.events);
    if (!c.ok) throw new Error(`built an invalid log at ${c.index}: ${c.error}`);
    return this.events.slice();
  }

  private queue(obj: number) {
    const q = this.queues.get(obj);
    if (!q) throw new Error(`no queue ${obj}`);
    return q;
  }
}

/** Renumbers `seq` after events were dropped (to simulate a partial log) and checks the result. */
export function renumber(events: readonly LabEvent[]): LabEvent[] {
  const out = events.map((e, i) => ({ ...e, seq: i }) as LabEvent);
  const c = checkLog(out);
  if (!c.ok) throw new Error(`renumbered log is invalid at ${c.index}: ${c.error}`);
  return out;
}
