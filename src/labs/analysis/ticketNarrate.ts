/** Narration of a ticket run, in both languages, from the log: who read what, when, and why it sold what it sold. */
import type { LabEvent, Localized } from '../../protocol/events';
import { labId, labSec, listEn, listZh, paragraphs } from './kit/log';
import { choicesBehind } from './stepNarrate';
import {
  crashed,
  lateBuyers,
  readTicketRun,
  sellers,
  soldOutAtSearch,
  type Buyer,
  type TicketRun,
} from './ticketRun';

/** Durations in lab seconds. Moments are told by order ("while", "later"), not by clock: the clock includes process start-up. */
type Clock = (us: number) => string;

export function narrateRace(events: readonly LabEvent[]): Localized {
  const run = readTicketRun(events);
  const D: Clock = (us) => labSec(events, us);
  const sold = sellers(run);
  const fix = labId(events, 'ticket-lock');
  let head: Localized;
  let choices: Localized | undefined;
  if (sold.length >= 2) {
    const first = [...sold].sort((a, b) => buyRead(a) - buyRead(b))[0];
    const others = sold.filter((b) => b !== first);
    const gap = D(first.write!.t - buyRead(first));
    const after = (b: Buyer) => buyRead(b) - buyRead(first);
    // Under 0.05 lab seconds apart reads as "0.0 s", so say it in words.
    const en = others.map(
      (b) =>
        `${b.name} (${D(after(b)) === '0.0 s' ? 'at the same moment' : `${D(after(b))} after it`})`,
    );
    const zh = others.map(
      (b) => `${b.name}（${D(after(b)) === '0.0 s' ? '几乎同时' : `晚 ${D(after(b))}`}）`,
    );
    head = {
      en:
        `One ticket, ${sold.length} sales. ${first.name} read ticket_num = 1 and started buying, but its write of ticket_num = 0 came only ${gap} later. While it was still buying, ${listEn(en)} read ticket_num = 1 too, so each of them sold the same ticket. ` +
        `Every buyer wrote 0, computed from the stale 1, so each write after the first (${sold[0].name}'s) silently overwrote a sale: lost updates.`,
      'zh-CN':
        `只有 1 张票，却卖出了 ${sold.length} 张。${first.name} 读到 ticket_num = 1 后开始买票，但过了 ${gap} 才写入 ticket_num = 0。在它还没买完的时候，${listZh(zh)} 也读到了 ticket_num = 1，于是每个进程都把同一张票又卖了一次。` +
        `每个买家都根据过时的 1 算出 0 并写回，所以第一次写入（${sold[0].name}）之后的每一次写入都悄悄覆盖了一次销售：这就是丢失更新。`,
    };
    const writer = { name: first.name, proc: first.proc, writeT: first.write!.t };
    const late = others.map((b) => ({ name: b.name, proc: b.proc, readT: buyRead(b) }));
    choices = choicesBehind(events, writer, late);
  } else if (sold.length === 1) {
    head = luckyRun(run, sold[0], D);
  } else {
    head = { en: 'No ticket was sold in this run.', 'zh-CN': '这次运行一张票也没有卖出。' };
  }
  return paragraphs([
    head,
    choices,
    ...losers(run),
    ...torn(run),
    sold.length >= 2
      ? {
          en: `The fix is to make read-decrement-write one step that no one can interrupt: hold a Lock around buying (lab ${fix}).`,
          'zh-CN': `解决办法是让“读取—减一—写回”成为不可打断的一步：买票时持有一把锁（见实验 ${fix}）。`,
        }
      : undefined,
  ]);
}

export function narrateLock(events: readonly LabEvent[]): Localized {
  const run = readTicketRun(events);
  const sold = sellers(run);
  // Buyers who got the lock after the sale and found 0 inside it.
  const queued = run.buyers
    .filter((b) => b.lock && !b.write && b.reads[1]?.value === 0)
    .sort((a, b) => a.lock!.t - b.lock!.t);
  const parts: (Localized | undefined)[] = [];
  if (sold.length === 1 && sold[0].lock) {
    const s = sold[0];
    parts.push({
      en: `One ticket, one sale. ${s.name} got the lock first, read ticket_num = 1, sold the ticket and wrote 0 before releasing the lock.`,
      'zh-CN': `1 张票，卖出 1 张。${s.name} 最先抢到锁，读到 ticket_num = 1，卖出这张票并写入 0 之后才释放锁。`,
    });
  } else {
    parts.push({
      en: `One ticket, ${sold.length} sales.`,
      'zh-CN': `1 张票，卖出 ${sold.length} 张。`,
    });
  }
  if (queued.length > 0) {
    const longest = [...queued, ...sold]
      .filter((b) => b.lock)
      .sort((a, b) => b.lock!.waitedUs - a.lock!.waitedUs)[0];
    const names = queued.map((b) => b.name);
    const wait = `${labSec(events, longest.lock!.waitedUs)} (${longest.name})`;
    parts.push(
      queued.length === 1
        ? {
            en: `${names[0]} had also seen 1 in the unlocked search, so it waited for the lock, got it once the sale was done, read 0 inside the lock and missed out. It waited ${labSec(events, queued[0].lock!.waitedUs)}.`,
            'zh-CN': `${names[0]} 在不加锁的查询中也看到了 1，于是等锁；等到销售完成拿到锁后，它在锁内读到 0，没能买到。它等了 ${labSec(events, queued[0].lock!.waitedUs)}。`,
          }
        : {
            en: `${queued.length} other buyers had also seen 1 in the unlocked search, so they waited for the lock and got it one at a time (${listEn(names)}); each then read 0 inside the lock and missed out. The longest wait was ${wait}.`,
            'zh-CN': `另外 ${queued.length} 个买家在不加锁的查询中也看到了 1，于是排队等锁，依次拿到锁（${listZh(names)}）；他们在锁内读到的都是 0，没能买到。等得最久的是 ${longest.name}，等了 ${labSec(events, longest.lock!.waitedUs)}。`,
          },
    );
  }
  parts.push(...losers({ ...run, buyers: run.buyers.filter((b) => !b.lock) }), ...torn(run));
  parts.push({
    en: 'Only the lock holder can be between reading and writing, so no one ever acts on a stale count; the price is the queue of waiting buyers.',
    'zh-CN':
      '同一时刻只有持锁的进程处在“读取与写回之间”，所以没有人会根据过时的数量行事；代价就是买家们排队等待。',
  });
  return paragraphs(parts);
}

/** Exactly one sale without a lock: say whether anyone else looked during the gap. */
function luckyRun(run: TicketRun, s: Buyer, D: Clock): Localized {
  const from = buyRead(s);
  const to = s.write!.t;
  const peekers = run.buyers
    .filter((b) => b !== s && b.reads.some((r) => r.t > from && r.t < to))
    .map((b) => b.name);
  const gap =
    peekers.length === 0
      ? {
          en: 'No other buyer read data.json in that gap.',
          'zh-CN': '这段空隙里没有别的买家读取 data.json。',
        }
      : {
          en: `${listEn(peekers)} read data.json in that gap, but only in the first search; by the time they looked again to buy, 0 had been written.`,
          'zh-CN': `${listZh(peekers)} 在这段空隙里读取了 data.json，但那只是第一次查询；等他们再次读取准备购买时，0 已经写入。`,
        };
  return paragraphs([
    {
      en: `One ticket, one sale: ${s.name} read ticket_num = 1 and wrote 0 ${D(to - from)} later.`,
      'zh-CN': `1 张票，卖出 1 张：${s.name} 读到 ticket_num = 1，${D(to - from)} 后写入 0。`,
    },
    gap,
    {
      en: 'This run was lucky, not safe: nothing stopped another buyer from reading during that gap. Try another seed.',
      'zh-CN':
        '这次只是运气好，并不安全：没有任何机制阻止别的买家在这段空隙里读取。换一个种子再试试。',
    },
  ]);
}

function losers(run: TicketRun): Localized[] {
  const out: Localized[] = [];
  const late = lateBuyers(run).map((b) => b.name);
  if (late.length)
    out.push({
      en: `${listEn(late)} found the ticket in the first search but read 0 when buying.`,
      'zh-CN': `${listZh(late)} 第一次查询时还有票，但购买时读到的是 0。`,
    });
  const none = soldOutAtSearch(run).map((b) => b.name);
  if (none.length)
    out.push({
      en: `${listEn(none)} read 0 in the first search and did not try to buy.`,
      'zh-CN': `${listZh(none)} 第一次查询就读到 0，没有去买。`,
    });
  return out;
}

function torn(run: TicketRun): Localized[] {
  const bad = crashed(run).map((b) => b.name);
  if (!bad.length) return [];
  return [
    {
      en: `${listEn(bad)} crashed: ${bad.length === 1 ? 'it' : 'each'} read data.json while another process was rewriting it. A write first empties the file and then fills it, so a read in between finds empty or cut-off JSON: a torn read.`,
      'zh-CN': `${listZh(bad)} 崩溃了：${bad.length === 1 ? '它' : '它们都'}在别的进程重写 data.json 的途中读取了文件。写入时先清空文件再写入内容，夹在中间的读取会读到空的或残缺的 JSON：这就是“读到残缺文件”（torn read）。`,
    },
  ];
}

/** When a buyer read inside buy (its second read), or its first read when there is no second. */
function buyRead(b: Buyer): number {
  return (b.reads[1] ?? b.reads[0] ?? { t: 0 }).t;
}
