/**
 * Lab: one process, one Queue(5). Fill it, see full() and a put that would block,
 * empty it in FIFO order, then see both ways a get on an empty queue raises Empty.
 */
import type { Json, LabEvent, Localized } from '../protocol/events';
import { defineLab, Empty, Full, l, print, Queue } from '../runtime';
import { eventsOf, labSec, paragraphs, show, story } from './kit/log';

const VALUES = [111, 222, 333, 444, 555];

async function main(): Promise<void> {
  const q = new Queue(5, { name: 'q' });
  for (const v of VALUES.slice(0, 3)) await q.put(v);
  const full3 = await q.full();
  const empty3 = await q.empty();
  await print(
    l({
      en: `3 items in: full() = ${full3}, empty() = ${empty3}`,
      'zh-CN': `放入 3 个：full() = ${full3}，empty() = ${empty3}`,
    }),
  );
  for (const v of VALUES.slice(3)) await q.put(v);
  const full5 = await q.full();
  await print(l({ en: `5 items in: full() = ${full5}`, 'zh-CN': `放入 5 个：full() = ${full5}` }));
  // A plain put(666) would block here forever; a timeout shows the block and ends it.
  try {
    await q.put(666, true, 1);
  } catch (err) {
    if (!(err instanceof Full)) throw err;
    await print(
      l({
        en: 'put(666) waited 1 s for a free slot, then raised Full',
        'zh-CN': 'put(666) 等了 1 秒也没有空位，抛出 Full',
      }),
    );
  }
  const got: unknown[] = [];
  for (let i = 0; i < 5; i++) got.push(await q.get());
  await print(
    l({
      en: `got ${got.join(', ')}: first in, first out`,
      'zh-CN': `依次取出 ${got.join('、')}：先进先出`,
    }),
  );
  const emptyNow = await q.empty();
  await print(
    l({
      en: `after 5 gets: empty() = ${emptyNow}`,
      'zh-CN': `取出 5 个之后：empty() = ${emptyNow}`,
    }),
  );
  try {
    await q.getNowait();
  } catch (err) {
    if (!(err instanceof Empty)) throw err;
    await print(
      l({ en: 'getNowait() raised Empty at once', 'zh-CN': 'getNowait() 立刻抛出 Empty' }),
    );
  }
  try {
    await print(await q.get(true, 3));
  } catch (err) {
    if (!(err instanceof Empty)) throw err;
    await print(
      l({
        en: 'get(timeout=3) waited 3 s and raised Empty: nothing left in the queue!',
        'zh-CN': 'get(timeout=3) 等了 3 秒后抛出 Empty：队列里一个也不剩了！',
      }),
    );
  }
}

export interface BasicsOutcome {
  [k: string]: Json;
  put: Json[];
  got: Json[];
  fifo: boolean;
  full: number;
  empty: number;
}

export function basicsOutcome(events: readonly LabEvent[]): BasicsOutcome {
  const put = eventsOf(events, 'queue.put').map((e) => e.value);
  const got = eventsOf(events, 'queue.get').map((e) => e.value);
  return {
    put,
    got,
    fifo: got.length > 0 && got.every((v, i) => JSON.stringify(v) === JSON.stringify(put[i])),
    full: eventsOf(events, 'queue.full').length,
    empty: eventsOf(events, 'queue.empty').length,
  };
}

function narrateBasics(events: readonly LabEvent[]): Localized {
  const o = basicsOutcome(events);
  const T = (us: number) => labSec(events, us);
  const fullAt = eventsOf(events, 'queue.query').find((e) => e.op === 'full' && e.result === true);
  const blocked = waitBefore(events, 'queue.put.wait', 'queue.full');
  const emptyWait = waitBefore(events, 'queue.get.wait', 'queue.empty');
  const parts: (Localized | undefined)[] = [
    {
      en: `MainProcess put ${o.put.map(show).join(', ')} into a Queue with maxsize 5${fullAt ? `; after the fifth put, full() answered true` : ''}.`,
      'zh-CN': `主进程把 ${o.put.map(show).join('、')} 放进一个 maxsize 为 5 的队列${fullAt ? `；第五次放入之后 full() 返回 true` : ''}。`,
    },
  ];
  if (blocked !== undefined)
    parts.push({
      en: `A sixth put found no free slot and blocked for ${T(blocked)} until its timeout raised Full; without a timeout it would have waited forever, because only this process could make room.`,
      'zh-CN': `第六次放入找不到空位，阻塞了 ${T(blocked)}，超时后抛出 Full；如果不设超时它会永远等下去，因为能腾出位置的只有这个进程自己。`,
    });
  parts.push(
    o.fifo
      ? {
          en: `Five gets returned ${o.got.map(show).join(', ')}: the same order they went in (FIFO).`,
          'zh-CN': `五次取出依次得到 ${o.got.map(show).join('、')}：与放入的顺序相同（先进先出）。`,
        }
      : {
          en: `The gets returned ${o.got.map(show).join(', ')}, not the order of the puts.`,
          'zh-CN': `取出的顺序是 ${o.got.map(show).join('、')}，与放入顺序不同。`,
        },
  );
  parts.push({
    en: `On the empty queue, getNowait() raised Empty immediately${emptyWait !== undefined ? `, and get(timeout=3) waited ${T(emptyWait)} before raising Empty` : ''}. A get with no timeout would block here for good.`,
    'zh-CN': `队列空了以后，getNowait() 立刻抛出 Empty${emptyWait !== undefined ? `，get(timeout=3) 等了 ${T(emptyWait)} 才抛出 Empty` : ''}。不设超时的 get 会在这里一直阻塞。`,
  });
  return paragraphs(parts);
}

/** How long the first `wait` event lasted before its `end` event (µs). */
function waitBefore(
  events: readonly LabEvent[],
  wait: LabEvent['kind'],
  end: LabEvent['kind'],
): number | undefined {
  const w = events.find((e) => e.kind === wait);
  const e = w && events.find((x) => x.kind === end && x.seq > w.seq && x.proc === w.proc);
  return w && e ? e.t - w.t : undefined;
}

export default defineLab(
  {
    id: 'queue-basics',
    processes: 0,
    title: { en: 'Queue basics', 'zh-CN': '队列基础' },
    description: {
      en: 'A Queue(5) in one process: FIFO order, full() and empty(), a put that blocks when full, Empty on getNowait and on a get with a timeout.',
      'zh-CN':
        '单个进程里的 Queue(5)：先进先出、full() 与 empty()、队列满时阻塞的 put、getNowait 和带超时的 get 抛出 Empty。',
    },
    outcome: basicsOutcome,
    narrate: story(narrateBasics),
  },
  main,
);
