/**
 * What each line of lab code did in a run, from its call sites: how many calls it made, how long
 * they waited (acquire, get, put, join) and held (acquire), and the lost updates and torn reads
 * it caused, in all and per process. A pure function of the log, for the editor's decorations.
 */
import type { LabEvent } from '../protocol/events';
import { findLostUpdates, findTornReads } from './fileDiagnostics';

/** What one process did at one site (times in µs). */
export interface SiteProcStats {
  proc: number;
  calls: number;
  waits: number;
  waitUs: number;
  maxWaitUs: number;
  holds: number;
  holdUs: number;
  maxHoldUs: number;
}

/** One line of lab code: where, what it called, and what it did in all and per process. */
export interface SiteStats extends Omit<SiteProcStats, 'proc'> {
  id: number;
  file: string;
  line: number;
  col: number;
  fn?: string;
  /** What the line called, for a reader: `lock.acquire()`, `queue.get()`, … (the first seen). */
  call: string;
  lostUpdates: number;
  tornReads: number;
  byProc: SiteProcStats[];
}

/** The call each counted kind stands for: an event of these kinds is made once per call. */
const CALL_OF: Partial<Record<LabEvent['kind'], string>> = {
  'lock.create': 'Lock()',
  'lock.request': 'lock.acquire()',
  'lock.release': 'lock.release()',
  'queue.create': 'Queue()',
  'queue.put': 'queue.put()',
  'queue.full': 'queue.put()',
  'queue.get': 'queue.get()',
  'queue.empty': 'queue.get()',
  'queue.query': 'queue.qsize()',
  'queue.task_done': 'queue.taskDone()',
  'queue.join.wait': 'queue.join()',
  'file.create': 'sharedJson()',
  'file.read': 'read()',
  'file.write': 'write()',
  'proc.spawn': 'process.start()',
  'proc.join.wait': 'process.join()',
  'proc.terminate': 'process.terminate()',
  'sleep.begin': 'sleep()',
  log: 'print()',
  'sem.create': 'Semaphore()',
  'sem.request': 'semaphore.acquire()',
  'sem.release': 'semaphore.release()',
  'event.create': 'Event()',
  'event.set': 'event.set()',
  'event.wait': 'event.wait()',
  'cond.create': 'Condition()',
  'cond.wait': 'condition.wait()',
  'cond.notify': 'condition.notify()',
  'barrier.create': 'Barrier()',
  'barrier.arrive': 'barrier.wait()',
  'value.get': 'value.get()',
  'value.set': 'value.set()',
  'pipe.create': 'Pipe()',
  'pipe.send': 'conn.send()',
  'pipe.broken': 'conn.send()',
  'pipe.recv': 'conn.recv()',
  'pipe.eof': 'conn.recv()',
  'pipe.poll': 'conn.poll()',
  'pipe.close': 'conn.close()',
  'pool.create': 'Pool()',
};

/** What naming a call needs to remember: each RLock's depth, each pool job's submitting site. */
interface CallMemory {
  rlockDepth: Map<number, number>;
  jobSite: Map<string, number | undefined>;
}

/** The call of an event whose name depends on its fields or on earlier events, else CALL_OF's. */
function callOf(e: LabEvent, memory: CallMemory): string | undefined {
  const { rlockDepth, jobSite } = memory;
  switch (e.kind) {
    case 'value.create':
      return e.size === undefined ? 'Value()' : 'Array()';
    case 'pool.submit':
      jobSite.set(`${e.obj}:${e.job}`, e.site);
      return `pool.${e.call}()`;
    case 'pool.wait':
      // map() waits for its own job at its own line: that is one call, not two.
      return jobSite.get(`${e.obj}:${e.job}`) === e.site ? undefined : 'result.get()';
    case 'lock.depth': {
      // An RLock's owner taking it again (the depth grows) or releasing one level.
      const before = rlockDepth.get(e.obj) ?? 1;
      rlockDepth.set(e.obj, e.depth);
      return e.depth > before ? 'lock.acquire()' : 'lock.release()';
    }
    case 'lock.acquire':
    case 'lock.release':
      rlockDepth.set(e.obj, e.kind === 'lock.acquire' ? 1 : 0);
      return CALL_OF[e.kind];
    default:
      return CALL_OF[e.kind];
  }
}

/** The kinds that begin a wait, and the kinds that end it (by the same process, on the same thing). */
const WAIT_BEGINS = new Set([
  'lock.request',
  'queue.put.wait',
  'queue.get.wait',
  'queue.join.wait',
  'proc.join.wait',
  'sem.request',
  'event.wait',
  'cond.wait',
  'barrier.arrive',
  'pipe.recv.wait',
  'pool.wait',
]);
const WAIT_ENDS: Record<string, string> = {
  'lock.acquire': 'lock.request',
  'lock.timeout': 'lock.request',
  'queue.put': 'queue.put.wait',
  'queue.full': 'queue.put.wait',
  'queue.get': 'queue.get.wait',
  'queue.empty': 'queue.get.wait',
  'queue.join.done': 'queue.join.wait',
  'proc.join.done': 'proc.join.wait',
  'sem.acquire': 'sem.request',
  'sem.timeout': 'sem.request',
  'event.wake': 'event.wait',
  'cond.wake': 'cond.wait',
  'pipe.recv': 'pipe.recv.wait',
  'pipe.eof': 'pipe.recv.wait',
  'pool.result': 'pool.wait',
};
/** Kinds that end the waits of every process at the object (a barrier's generation passes or breaks). */
const WAIT_ENDS_ALL: Record<string, string> = {
  'barrier.pass': 'barrier.arrive',
  'barrier.broken': 'barrier.arrive',
};

const subjectOf = (e: LabEvent): number =>
  'obj' in e ? e.obj : 'target' in e ? (e as { target: number }).target : -1;

const emptyProc = (proc: number): SiteProcStats => ({
  proc,
  calls: 0,
  waits: 0,
  waitUs: 0,
  maxWaitUs: 0,
  holds: 0,
  holdUs: 0,
  maxHoldUs: 0,
});

/** Per site id, what its line did in the run (sites that made no counted call included). */
export function siteStats(events: readonly LabEvent[]): Map<number, SiteStats> {
  const sites = new Map<number, SiteStats>();
  const procStats = (site: number, proc: number): SiteProcStats | undefined => {
    const s = sites.get(site);
    if (!s) return undefined;
    let p = s.byProc.find((x) => x.proc === proc);
    if (!p) s.byProc.push((p = emptyProc(proc)));
    return p;
  };
  /** Open waits and holds by process and subject: when they began, and at which site. */
  const open = new Map<string, { t: number; site: number }>();
  const memory: CallMemory = { rlockDepth: new Map(), jobSite: new Map() };
  const end = events.at(-1)?.t ?? 0;
  for (const e of events) {
    if (e.kind === 'site') {
      const { id, file, line, col, fn } = e;
      sites.set(id, {
        id,
        file,
        line,
        col,
        fn,
        call: '',
        ...emptyProc(-1),
        lostUpdates: 0,
        tornReads: 0,
        byProc: [],
      });
      continue;
    }
    const site = 'site' in e ? e.site : undefined;
    const key = `${e.proc}:${subjectOf(e)}`;
    const call = callOf(e, memory);
    if (site !== undefined && call) {
      const s = sites.get(site);
      const p = procStats(site, e.proc);
      if (s && p) {
        s.call ||= call;
        p.calls++;
      }
    }
    if (WAIT_BEGINS.has(e.kind) && site !== undefined)
      open.set(`${e.kind}|${key}`, { t: e.t, site });
    const all = WAIT_ENDS_ALL[e.kind];
    if (all) {
      const suffix = `:${subjectOf(e)}`;
      for (const [k, w] of [...open]) {
        if (!k.startsWith(`${all}|`) || !k.endsWith(suffix)) continue;
        open.delete(k);
        addWait(procStats(w.site, Number(k.slice(all.length + 1, -suffix.length))), e.t - w.t);
      }
    }
    const begin = WAIT_ENDS[e.kind];
    if (begin) {
      const w = open.get(`${begin}|${key}`);
      if (w) {
        open.delete(`${begin}|${key}`);
        addWait(procStats(w.site, e.proc), e.t - w.t);
      }
    }
    if (e.kind === 'lock.acquire' && site !== undefined) open.set(`hold|${key}`, { t: e.t, site });
    if (e.kind === 'lock.release') closeHold(open, procStats, key, e.t);
    if (e.kind === 'proc.exit')
      for (const k of [...open.keys()].filter((k) => k.startsWith(`hold|${e.proc}:`)))
        closeHold(open, procStats, k.slice(5), e.t);
  }
  // A hold still open at the end of the log lasted until then.
  for (const k of [...open.keys()].filter((k) => k.startsWith('hold|')))
    closeHold(open, procStats, k.slice(5), end);
  for (const x of findLostUpdates(events)) countFinding(sites, x.write, 'lostUpdates');
  for (const x of findTornReads(events)) countFinding(sites, x.read, 'tornReads');
  for (const s of sites.values()) {
    s.byProc.sort((a, b) => a.proc - b.proc);
    for (const p of s.byProc) {
      s.calls += p.calls;
      s.waits += p.waits;
      s.waitUs += p.waitUs;
      s.maxWaitUs = Math.max(s.maxWaitUs, p.maxWaitUs);
      s.holds += p.holds;
      s.holdUs += p.holdUs;
      s.maxHoldUs = Math.max(s.maxHoldUs, p.maxHoldUs);
    }
  }
  return sites;
}

function addWait(p: SiteProcStats | undefined, us: number): void {
  if (!p) return;
  p.waits++;
  p.waitUs += us;
  p.maxWaitUs = Math.max(p.maxWaitUs, us);
}

function closeHold(
  open: Map<string, { t: number; site: number }>,
  procStats: (site: number, proc: number) => SiteProcStats | undefined,
  key: string,
  t: number,
): void {
  const h = open.get(`hold|${key}`);
  if (!h) return;
  open.delete(`hold|${key}`);
  const p = procStats(h.site, Number(key.slice(0, key.indexOf(':'))));
  if (!p) return;
  p.holds++;
  p.holdUs += t - h.t;
  p.maxHoldUs = Math.max(p.maxHoldUs, t - h.t);
}

function countFinding(
  sites: Map<number, SiteStats>,
  e: { site?: number },
  what: 'lostUpdates' | 'tornReads',
): void {
  const s = e.site === undefined ? undefined : sites.get(e.site);
  if (s) s[what]++;
}

/** The sites of one line of one file, added up (a line may hold several calls, or one call at several columns). */
export interface LineStats extends Omit<SiteStats, 'id' | 'col'> {
  ids: number[];
  /** The distinct calls of the line (`call` is the first), in the order first seen. */
  callNames: string[];
}

/** Per file, per line: what the line's sites did together. */
export function statsByLine(sites: Map<number, SiteStats>): Map<string, Map<number, LineStats>> {
  const out = new Map<string, Map<number, LineStats>>();
  for (const s of sites.values()) {
    let lines = out.get(s.file);
    if (!lines) out.set(s.file, (lines = new Map()));
    const l = lines.get(s.line);
    if (!l) {
      lines.set(s.line, {
        ...s,
        ids: [s.id],
        callNames: s.call ? [s.call] : [],
        byProc: s.byProc.map((p) => ({ ...p })),
      });
      continue;
    }
    l.ids.push(s.id);
    if (s.call && !l.callNames.includes(s.call)) l.callNames.push(s.call);
    addUp(l, s);
    for (const p of s.byProc) {
      const q = l.byProc.find((x) => x.proc === p.proc);
      if (q) addUp(q, p);
      else l.byProc.push({ ...p });
    }
    l.byProc.sort((a, b) => a.proc - b.proc);
    l.lostUpdates += s.lostUpdates;
    l.tornReads += s.tornReads;
  }
  return out;
}

function addUp(into: Omit<SiteProcStats, 'proc'>, from: Omit<SiteProcStats, 'proc'>): void {
  into.calls += from.calls;
  into.waits += from.waits;
  into.waitUs += from.waitUs;
  into.maxWaitUs = Math.max(into.maxWaitUs, from.maxWaitUs);
  into.holds += from.holds;
  into.holdUs += from.holdUs;
  into.maxHoldUs = Math.max(into.maxHoldUs, from.maxHoldUs);
}
