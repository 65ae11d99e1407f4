/**
 * What must hold in each built-in lab's run, as a check of its outcome: nothing when it holds,
 * else why not, in both languages (`run.end.failure`). Explore looks for schedules that break it.
 */
import type { Json, Localized } from '../../protocol/events';

function field(outcome: Json, key: string): Json | undefined {
  return typeof outcome === 'object' && outcome !== null && !Array.isArray(outcome)
    ? outcome[key]
    : undefined;
}

/** The ticket labs: no more tickets sold than there were. */
export function checkTickets(outcome: Json): Localized | undefined {
  const sold = field(outcome, 'sold');
  const tickets = field(outcome, 'tickets');
  if (typeof sold !== 'number' || typeof tickets !== 'number' || sold <= tickets) return undefined;
  return {
    en: `oversold: ${sold} tickets sold, but there ${tickets === 1 ? 'was only 1' : `were only ${tickets}`}`,
    'zh-CN': `超卖：卖出了 ${sold} 张票，但只有 ${tickets} 张`,
  };
}

/** The kitchens: every item put was eaten, exactly once. */
export function checkEveryItemOnce(outcome: Json): Localized | undefined {
  const produced = field(outcome, 'produced');
  const consumed = field(outcome, 'consumed');
  if (typeof produced !== 'number' || typeof consumed !== 'number' || produced === consumed)
    return undefined;
  return consumed < produced
    ? {
        en: `${produced - consumed} of ${produced} items were never consumed`,
        'zh-CN': `${produced} 个物品中有 ${produced - consumed} 个没有被取走`,
      }
    : {
        en: `${consumed} items consumed, but only ${produced} were produced`,
        'zh-CN': `取走了 ${consumed} 个物品，但只生产了 ${produced} 个`,
      };
}

/** queue-basics: the gets return the puts' order. */
export function checkFifo(outcome: Json): Localized | undefined {
  if (field(outcome, 'fifo') !== false) return undefined;
  return {
    en: 'the queue did not return its items in the order they were put (not FIFO)',
    'zh-CN': '队列取出的顺序与放入的顺序不同（不是先进先出）',
  };
}
