/** The IPC lab, read back from the log: which message went from whom to whom, and when. */
import type { Json, LabEvent, Localized } from '../../protocol/events';
import { eventsOf, labSec, nameOf, paragraphs, procNames, show, speedOf } from './kit/log';
import { transfers, type Transfer } from './kit/queues';
import { objectLabel } from '../../model/objectNames';

export interface Delivery {
  [k: string]: Json;
  from: string;
  to: string;
  value: Json;
}

/** Messages that crossed between processes, sorted by sender and receiver so OS timing does not reorder them. */
export function ipcOutcome(events: readonly LabEvent[]): {
  [k: string]: Json;
  delivered: Delivery[];
} {
  const names = procNames(events);
  const delivered = transfers(events)
    .filter((t) => t.getProc !== undefined)
    .map((t) => ({ from: nameOf(names, t.putProc), to: nameOf(names, t.getProc!), value: t.value }))
    .sort((a, b) => (a.from + '\u0000' + a.to).localeCompare(b.from + '\u0000' + b.to));
  return { delivered };
}

export function narrateIpc(events: readonly LabEvent[]): Localized {
  const names = procNames(events);
  const moved = transfers(events);
  // Child ↔ child first, then the exchanges with main, as the lab sets them up.
  const childToChild = (t: Transfer) => t.putProc !== 0 && t.getProc !== 0;
  moved.sort((a, b) => Number(childToChild(b)) - Number(childToChild(a)));
  const parts: Localized[] = moved.map((t) => {
    const from = nameOf(names, t.putProc);
    if (t.getProc === undefined)
      return {
        en: `${from} put ${show(t.value)} but no process ever took it.`,
        'zh-CN': `${from} 放入了 ${show(t.value)}，但没有进程取走它。`,
      };
    const to = nameOf(names, t.getProc);
    const queue = objectLabel(queueName(events, t.obj));
    const us = t.getT! - t.putT;
    // A get that was already waiting receives the item at once; otherwise say how long it sat in the queue.
    const when: Localized =
      us * speedOf(events) < 50_000
        ? { en: 'at once', 'zh-CN': '立刻' }
        : { en: `${labSec(events, us)} later`, 'zh-CN': `${labSec(events, us)} 后` };
    return {
      en: `${from} put ${show(t.value)} into ${queue.en} and ${to} got it ${when.en}.`,
      'zh-CN': `${from} 把 ${show(t.value)} 放进 ${queue['zh-CN']}，${to} ${when['zh-CN']}取到了它。`,
    };
  });
  parts.push({
    en: 'Processes share no memory: each message was copied into the queue by one process and out of it by another, and a get simply waits until a message is there. That works the same between two children and between main and a child.',
    'zh-CN':
      '进程之间不共享内存：每条消息由一个进程放进队列、再由另一个进程取出，get 会一直等到有消息为止。子进程与子进程之间、主进程与子进程之间都是这样通信的。',
  });
  return paragraphs(parts);
}

function queueName(events: readonly LabEvent[], obj: number): string {
  return eventsOf(events, 'queue.create').find((e) => e.obj === obj)?.name ?? `#${obj}`;
}
