/** Plain words, in both languages, for what a blocked process waits for (hang and deadlock diagnoses). */
import type { Localized } from '../protocol/events';
import type { FileState } from './files';
import type { LockState } from './locks';
import type { ProcRec } from './procRec';
import type { QueueState } from './queues';
import type { PoolState } from './poolState';
import type { Waiter } from './waiter';
import { describeSyncWait, type SyncObj } from './syncWaitText';
import { describePoolWait } from './poolText';
import { objectLabel } from '../model/objectNames';

export type AnyObj = LockState | QueueState | FileState | SyncObj | PoolState;

export interface WaitWorld {
  proc(index: number): ProcRec | undefined;
  obj(obj: number): AnyObj | undefined;
}

function holderText(lock: LockState): Localized {
  const h = lock.holder;
  if (!h) return { en: 'which is free', 'zh-CN': '（锁是空闲的）' };
  if (!h.alive)
    return {
      en: `held by ${h.name}, which exited without releasing it`,
      'zh-CN': `被 ${h.name} 持有，而它没有释放锁就退出了`,
    };
  return { en: `held by ${h.name}`, 'zh-CN': `被 ${h.name} 持有` };
}

/** "MainProcess waits in join() on JoinableQueue 1 with 3 unfinished tasks". */
export function describeWait(w: Waiter, world: WaitWorld): Localized {
  const who = w.proc.name;
  const o = world.obj(w.obj);
  // Said in each language here: a Chinese text says the runner's "Lock 1" as 锁 1.
  const name = objectLabel(o?.name ?? '?');
  switch (w.kind) {
    case 'lock': {
      const lock = o as LockState;
      if (lock.holder === w.proc)
        return {
          en: `${who} waits in acquire() on ${name.en}, which it already holds`,
          'zh-CN': `${who} 在 acquire() 中等待 ${name['zh-CN']}，而这把锁正被它自己持有`,
        };
      const h = holderText(lock);
      return {
        en: `${who} waits in acquire() on ${name.en}, ${h.en}`,
        'zh-CN': `${who} 在 acquire() 中等待 ${name['zh-CN']}，该锁${h['zh-CN']}`,
      };
    }
    case 'get':
      return {
        en: `${who} waits in get() on ${name.en}, which is empty`,
        'zh-CN': `${who} 在 get() 中等待 ${name['zh-CN']}，队列是空的`,
      };
    case 'put': {
      const q = o as QueueState;
      return {
        en: `${who} waits in put() on ${name.en}, which is full (${q.items.length} items)`,
        'zh-CN': `${who} 在 put() 中等待 ${name['zh-CN']}，队列已满（${q.items.length} 个）`,
      };
    }
    case 'qjoin': {
      const q = o as QueueState;
      return {
        en: `${who} waits in join() on ${name.en} with ${q.unfinished} unfinished ${q.unfinished === 1 ? 'task' : 'tasks'} (taskDone() was not called for every item)`,
        'zh-CN': `${who} 在 join() 中等待 ${name['zh-CN']}，还有 ${q.unfinished} 个任务未完成（不是每个取出的项目都调用了 taskDone()）`,
      };
    }
    case 'join': {
      const t = world.proc(w.obj);
      return {
        en: `${who} waits in join() for ${t?.name} to exit`,
        'zh-CN': `${who} 在 join() 中等待 ${t?.name} 结束`,
      };
    }
    case 'exit': {
      const kids = w.proc.children
        .filter((c) => c.alive)
        .map((c) => c.name)
        .join(', ');
      return {
        en: `${who} finished its code and waits for its child processes to exit (${kids})`,
        'zh-CN': `${who} 的代码已执行完，正在等待子进程结束（${kids}）`,
      };
    }
    default:
      if (o?.kind === 'pool') return describePoolWait(w, o, name);
      return describeSyncWait(w, o as SyncObj, name);
  }
}

export function joinLines(parts: Localized[]): Localized {
  return {
    en: parts.map((p) => p.en).join('; '),
    'zh-CN': parts.map((p) => p['zh-CN']).join('；'),
  };
}
