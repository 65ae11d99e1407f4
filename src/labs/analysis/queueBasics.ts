/** Queue basics, read back from the log: what went in and out, in which order, and the waits. */
import type { Json, LabEvent, Localized } from '../../protocol/events';
import { eventsOf, labSec, paragraphs, show } from './kit/log';

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

export function narrateBasics(events: readonly LabEvent[]): Localized {
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
