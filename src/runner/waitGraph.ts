/**
 * Deadlock and hang detection. A deadlock is a cycle in the wait-for graph (a process waits
 * for a lock held by, or in join() for, a process that waits back). A hang is a run where every
 * live process waits on something only another process could give and no timer will fire.
 */
import type { Localized } from '../protocol/events';
import { tidyLocalized } from '../model/chineseText';
import { objectLabel } from '../model/objectNames';
import type { LockState } from './locks';
import type { ProcRec } from './procRec';
import type { Waiter } from './waiter';
import type { SemState } from './semaphores';
import type { PipeState } from './pipes';
import { pipeSender, semaphoreHolder } from './syncWaitText';
import { describeWait, joinLines, type WaitWorld } from './waitText';

export interface Diagnosis {
  message: Localized;
  procs: number[];
  objs: number[];
}

/**
 * The process `w` waits for, when exactly one can end the wait. Any process may release a
 * semaphore, so the one that took its unit is who a waiter waits for only when every process is
 * stuck (`everyoneStuck`): then nobody else can release it.
 */
function waitsFor(w: Waiter, world: WaitWorld, everyoneStuck = false): ProcRec | null {
  if (w.timer) return null;
  if (w.kind === 'lock') return (world.obj(w.obj) as LockState).holder;
  if (w.kind === 'join') return world.proc(w.obj) ?? null;
  if (w.kind === 'sem' && everyoneStuck) return semaphoreHolder(world.obj(w.obj) as SemState);
  // Only one process can send to a pipe end: the one holder of its other end.
  if ((w.kind === 'recv' || w.kind === 'poll') && everyoneStuck)
    return pipeSender(world.obj(w.obj) as PipeState, w.end ?? 0);
  return null;
}

function edge(
  p: ProcRec,
  world: WaitWorld,
  everyoneStuck: boolean,
): { w: Waiter; next: ProcRec } | null {
  for (const w of p.waiting) {
    const next = waitsFor(w, world, everyoneStuck);
    if (next && next.alive) return { w, next };
  }
  return null;
}

/**
 * Follows the wait-for chain from the process that just blocked; a way back to it is a deadlock.
 * `everyoneStuck`: no live process can move, so semaphore waits lead to their takers too.
 */
export function findDeadlock(
  start: ProcRec,
  world: WaitWorld,
  everyoneStuck = false,
): Diagnosis | null {
  const first = edge(start, world, everyoneStuck);
  // By far the commonest case (a contended lock's waiter, whose holder runs): the process waited
  // for waits on nothing, so there is no cycle, and finding that out allocates nothing.
  if (!first || (first.next !== start && first.next.waiting.size === 0)) return null;
  const chain: Waiter[] = [];
  const seen = new Set<ProcRec>();
  for (let e: typeof first | null = first; ; e = edge(e.next, world, everyoneStuck)) {
    if (!e) return null;
    chain.push(e.w);
    if (e.next === start) break;
    if (seen.has(e.next)) return null;
    seen.add(e.next);
  }
  const lines = chain.map((w, i) => {
    // In a cycle, what a process holds is what the one before it waits for.
    const before = chain[(i + chain.length - 1) % chain.length];
    return chain.length > 1
      ? describeHoldAndWait(before, w, world, everyoneStuck)
      : describeWait(w, world);
  });
  const lead: Localized =
    chain.length === 1
      ? { en: 'Deadlock: ', 'zh-CN': '死锁：' }
      : {
          en: `Deadlock: ${chain.length} processes wait for each other in a cycle. `,
          'zh-CN': `死锁：${chain.length} 个进程互相等待，形成了环。`,
        };
  const body = joinLines(lines);
  return {
    message: tidyLocalized({
      en: `${lead.en}${body.en}. ${chain.length === 1 ? 'It cannot' : 'None of them can'} go on.`,
      'zh-CN': `${lead['zh-CN']}${body['zh-CN']}。${chain.length === 1 ? '它无法继续' : '谁也无法继续'}。`,
    }),
    procs: chain.map((w) => w.proc.index),
    objs: [
      ...new Set(chain.filter((w) => w.kind === 'lock' || w.kind === 'sem').map((w) => w.obj)),
    ],
  };
}

/**
 * "Philosopher 2 holds fork 2 and waits for fork 3, held by Philosopher 3": for a lock or
 * semaphore wait whose process holds the lock (or a unit of the semaphore) `before` waits for.
 */
function describeHoldAndWait(
  before: Waiter,
  w: Waiter,
  world: WaitWorld,
  everyoneStuck: boolean,
): Localized {
  const held = world.obj(before.obj);
  const wanted = world.obj(w.obj);
  const holdable = (o: typeof held) => o?.kind === 'lock' || o?.kind === 'sem';
  if (before.kind === 'join' || w.kind === 'join' || !holdable(held) || !holdable(wanted))
    return describeWait(w, world);
  const holder = waitsFor(w, world, everyoneStuck);
  const who = w.proc.name;
  const by = holder ? holder.name : '?';
  const [had, want] = [objectLabel(held!.name), objectLabel(wanted!.name)];
  return {
    en: `${who} holds ${had.en} and waits for ${want.en}, held by ${by}`,
    'zh-CN': `${who} 拿着 ${had['zh-CN']}，在等 ${want['zh-CN']}，而它被 ${by} 拿着`,
  };
}

/** When every live process is stuck: a cycle among them, if there is one (semaphores included). */
export function findStuckCycle(alive: readonly ProcRec[], world: WaitWorld): Diagnosis | null {
  for (const p of alive) {
    const d = p.waiting.size > 0 ? findDeadlock(p, world, true) : null;
    if (d) return d;
  }
  return null;
}

/** True when no live process can move by itself: all wait, and no timer is pending. */
export function isStuck(alive: readonly ProcRec[], pendingTimers: number): boolean {
  if (alive.length === 0 || pendingTimers > 0) return false;
  // A process being killed will exit, and that is progress (its parent may be waiting for it).
  // So will a pool worker its owner was asked to start (`poolStart`), once adopted.
  for (const p of alive)
    if (p.waiting.size === 0 || p.killReason || p.startsAsked > 0) return false;
  return true;
}

/**
 * A hang in words. `failed` are processes that already ended with an error: when one of them was
 * to put, release or finish what the others wait for, its error is the cause, so it comes first.
 */
export function describeHang(
  alive: readonly ProcRec[],
  world: WaitWorld,
  failed: readonly ProcRec[] = [],
): Diagnosis {
  const waits = alive.flatMap((p) => [...p.waiting]);
  const body = joinLines(waits.map((w) => describeWait(w, world)));
  const cause = failed.length ? failedFirst(failed) : undefined;
  return {
    message: tidyLocalized(
      cause
        ? {
            en: `The run hangs: ${cause.en}; every process left is waiting for something that will never come. ${body.en}.`,
            'zh-CN': `程序卡住了：${cause['zh-CN']}；剩下的进程都在等待永远不会到来的东西。${body['zh-CN']}。`,
          }
        : {
            en: `The run hangs: every process is waiting and nothing can wake them. ${body.en}.`,
            'zh-CN': `程序卡住了：所有进程都在等待，没有谁能唤醒它们。${body['zh-CN']}。`,
          },
    ),
    procs: [...failed.map((p) => p.index), ...alive.map((p) => p.index)],
    objs: [
      ...new Set(waits.filter((w) => w.kind !== 'join' && w.kind !== 'exit').map((w) => w.obj)),
    ],
  };
}

/** "Process-2 died of an error (Unexpected end of JSON input)" for the first failed process. */
function failedFirst(failed: readonly ProcRec[]): Localized {
  const [first] = failed;
  const why = first.firstError ? ` (${first.firstError.split('\n')[0]})` : '';
  const more = failed.length > 1 ? failed.length - 1 : 0;
  return {
    en: `${first.name} died of an error${why}${more ? ` and ${more} more process${more === 1 ? '' : 'es'} too` : ''}`,
    'zh-CN': `${first.name}因出错而终止${why ? `（${first.firstError!.split('\n')[0]}）` : ''}${more ? `，另有 ${more} 个进程也是` : ''}`,
  };
}
