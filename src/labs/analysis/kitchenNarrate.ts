/** Narration shared by the two producer-consumer labs: who made and ate what, and how the eaters stopped. */
import type { LabEvent, Localized } from '../../protocol/events';
import { count, eventsOf, listEn, listZh, nameOf, paragraphs, procNames } from './kit/log';
import { maxDepth, tally, transfers } from './kit/queues';

/** Production and consumption: counts per chef and per eater, leftovers, and how often eaters waited. */
export function narrateMeals(events: readonly LabEvent[]): Localized {
  const names = procNames(events);
  const food = transfers(events).filter((t) => t.value !== null);
  const made = [...tally(food, (t) => nameOf(names, t.putProc))].map(([n, c]) => `${n} ×${c}`);
  const eaten = food.filter((t) => t.getProc !== undefined);
  const byEater = [...tally(eaten, (t) => nameOf(names, t.getProc!))].map(([n, c]) => `${n} ×${c}`);
  const left = food.length - eaten.length;
  const q = eventsOf(events, 'queue.create')[0];
  const depth = q ? maxDepth(events, q.obj) : 0;
  const emptyWaits = eventsOf(events, 'queue.get.wait').length;
  return paragraphs([
    {
      en: `${food.length} items were made (${listEn(made)}) and ${eaten.length} eaten (${listEn(byEater)}).`,
      'zh-CN': `一共做了 ${food.length} 份（${listZh(made)}），吃掉 ${eaten.length} 份（${listZh(byEater)}）。`,
    },
    left === 0
      ? {
          en: 'Every item was eaten exactly once: each put was received by exactly one get.',
          'zh-CN': '每一份都恰好被吃了一次：每次放入都正好对应一次取出。',
        }
      : {
          en: `${count(left, 'item was', 'items were')} never eaten.`,
          'zh-CN': `有 ${left} 份没人吃。`,
        },
    {
      en: `The steamer (queue) held at most ${count(depth, 'item')} at once; ${emptyWaits ? `eaters found it empty and had to wait ${count(emptyWaits, 'time')}, because they eat faster than the chefs cook` : 'no eater ever found it empty'}.`,
      'zh-CN': `蒸笼（队列）里最多同时放着 ${depth} 份；${emptyWaits ? `吃的人 ${emptyWaits} 次发现蒸笼是空的、只好等待，因为吃得比做得快` : '吃的人从没遇到过空蒸笼'}。`,
    },
  ]);
}
