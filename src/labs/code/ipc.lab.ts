/**
 * Lab: processes talk through queues. A producer child hands a message to a consumer child
 * (child ↔ child), and main sends a request to a responder child that answers (main ↔ child).
 */
import type { Json, LabEvent, Localized } from '../protocol/events';
import { defineLab, l, print, Process, Queue } from '../runtime';
import { eventsOf, labSec, nameOf, paragraphs, procNames, show, speedOf, story } from './kit/log';
import { transfers, type Transfer } from './kit/queues';

export async function producer(q: Queue): Promise<void> {
  await q.put(
    l({ en: 'Hello from the producer, via the queue!', 'zh-CN': '生产者通过队列向你问好！' }),
  );
}

export async function consumer(q: Queue): Promise<void> {
  const msg = await q.get();
  await print(l({ en: `consumer received: ${msg}`, 'zh-CN': `消费者收到：${msg}` }));
}

/** Answers one request from main on a second queue. */
export async function responder(requests: Queue, replies: Queue): Promise<void> {
  const question = await requests.get();
  await replies.put(
    l({ en: `yes, I'm here (you asked: ${question})`, 'zh-CN': `在的（你问的是：${question}）` }),
  );
}

async function main(): Promise<void> {
  const q = new Queue(0, { name: 'q' });
  const p = new Process(producer, [q], { name: l({ en: 'Producer', 'zh-CN': '生产者' }) });
  const c = new Process(consumer, [q], { name: l({ en: 'Consumer', 'zh-CN': '消费者' }) });
  await p.start();
  await c.start();

  const requests = new Queue(0, { name: 'requests' });
  const replies = new Queue(0, { name: 'replies' });
  const r = new Process(responder, [requests, replies], {
    name: l({ en: 'Responder', 'zh-CN': '应答者' }),
  });
  await r.start();
  await requests.put(l({ en: 'are you there?', 'zh-CN': '你在吗？' }));
  const answer = await replies.get();
  await print(l({ en: `main received: ${answer}`, 'zh-CN': `主进程收到：${answer}` }));
}

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

function narrateIpc(events: readonly LabEvent[]): Localized {
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
    const us = t.getT! - t.putT;
    // A get that was already waiting receives the item at once; otherwise say how long it sat in the queue.
    const when: Localized =
      us * speedOf(events) < 50_000
        ? { en: 'at once', 'zh-CN': '立刻' }
        : { en: `${labSec(events, us)} later`, 'zh-CN': `${labSec(events, us)} 后` };
    return {
      en: `${from} put ${show(t.value)} into ${queueName(events, t.obj)} and ${to} got it ${when.en}.`,
      'zh-CN': `${from} 把 ${show(t.value)} 放进 ${queueName(events, t.obj)}，${to} ${when['zh-CN']}取到了它。`,
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

export default defineLab(
  {
    id: 'ipc',
    processes: 3,
    title: { en: 'Inter-process communication', 'zh-CN': '进程间通信（IPC）' },
    description: {
      en: 'Two children pass a message through a Queue, and main trades a request and a reply with a third child.',
      'zh-CN': '两个子进程通过队列传递消息，主进程与第三个子进程一问一答。',
    },
    outcome: ipcOutcome,
    narrate: story(narrateIpc),
  },
  main,
);
