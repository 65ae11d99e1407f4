/** Plain words, in both languages, for a process blocked on a Semaphore, Event, Condition or Barrier. */
import type { Localized } from '../protocol/events';
import type { BarrierState } from './barriers';
import type { CondState } from './conditions';
import type { EventState } from './eventFlags';
import type { PipeState } from './pipes';
import type { ValueState } from './sharedValues';
import type { ProcRec } from './procRec';
import type { SemState } from './semaphores';
import type { Waiter } from './waiter';

export type SyncObj = SemState | EventState | CondState | BarrierState | PipeState | ValueState;

function holdersText(sem: SemState): Localized {
  if (sem.ownerless) return { en: '', 'zh-CN': '' };
  const names = [...sem.holders.keys()].map((p) => p.name);
  if (names.length === 0) return { en: '', 'zh-CN': '' };
  const list = names.join(', ');
  return { en: `, held by ${list}`, 'zh-CN': `，名额被 ${list} 占着` };
}

/**
 * "Philosopher 3 waits in acquire() on seats, whose count is 0, held by …". `name`: the object's
 * name in each language.
 */
export function describeSyncWait(w: Waiter, o: SyncObj, name: Localized): Localized {
  const who = w.proc.name;
  switch (o.kind) {
    case 'sem': {
      const h = holdersText(o);
      return {
        en: `${who} waits in acquire() on ${name.en}, whose count is 0${h.en}`,
        'zh-CN': `${who} 在 acquire() 中等待 ${name['zh-CN']}，计数为 0${h['zh-CN']}`,
      };
    }
    case 'event':
      return {
        en: `${who} waits in wait() on ${name.en}, which is not set`,
        'zh-CN': `${who} 在 wait() 中等待 ${name['zh-CN']}，事件尚未设置`,
      };
    case 'cond':
      return {
        en: `${who} waits in wait() on ${name.en} for a notify that no process is left to send`,
        'zh-CN': `${who} 在 wait() 中等待 ${name['zh-CN']} 的 notify，却已没有进程会发出它`,
      };
    case 'barrier':
      return {
        en: `${who} waits in wait() on ${name.en} with ${o.arrived.length} of ${o.parties} parties arrived`,
        'zh-CN': `${who} 在 wait() 中等待 ${name['zh-CN']}，${o.parties} 方中只到了 ${o.arrived.length} 方`,
      };
    case 'pipe':
      return describePipeWait(w, o, name);
    case 'value':
      // A Value's waits are waits for its lock (kind 'lock'); this is never reached.
      return { en: `${who} waits on ${name.en}`, 'zh-CN': `${who} 在等待 ${name['zh-CN']}` };
  }
}

/** "Pong waits in recv() on end 1 of Pipe 1, which is empty; only Ping holds its other end". */
function describePipeWait(w: Waiter, pipe: PipeState, name: Localized): Localized {
  const who = w.proc.name;
  const end = w.end ?? 0;
  const call = w.kind === 'poll' ? 'poll()' : 'recv()';
  const names = [...pipe.ends[1 - end].holders].filter((p) => p.alive).map((p) => p.name);
  const others = names.join(', ');
  const held: Localized =
    names.length === 1 && names[0] === who
      ? { en: 'only it holds the other end', 'zh-CN': '另一端只在它自己手里' }
      : names.length === 1
        ? { en: `only ${others} holds the other end`, 'zh-CN': `另一端只在 ${others} 手里` }
        : { en: `the other end is held by ${others}`, 'zh-CN': `另一端在 ${others} 手里` };
  return {
    en: `${who} waits in ${call} on end ${end} of ${name.en}, where no message is waiting; ${held.en}`,
    'zh-CN': `${who} 在 ${call} 中等待 ${name['zh-CN']} 的第 ${end} 端，那里没有消息；${held['zh-CN']}`,
  };
}

/** The one process that can send to the end a recv() or poll() waits at, if only one holds the other end. */
export function pipeSender(pipe: PipeState, end: number): ProcRec | null {
  const live = [...pipe.ends[1 - end].holders].filter((p) => p.alive);
  return live.length === 1 ? live[0] : null;
}

/** The one process that can end a wait on a semaphore: its only holder, if there is one. */
export function semaphoreHolder(sem: SemState): ProcRec | null {
  if (sem.ownerless) return null;
  const live = [...sem.holders.keys()].filter((p) => p.alive);
  return live.length === 1 ? live[0] : null;
}
