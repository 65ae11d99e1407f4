/** The seed's breakfast shop: two chefs fill a steamer (the queue), two customers eat from it. */
import { l, print, randint, sleep, type JoinableQueue, type Queue } from 'concurrency-labs';

export const ITEMS_PER_CHEF = 5;

export function chefName(n: number): string {
  return l({ en: `Chef ${n}`, 'zh-CN': `大厨_${n}` });
}

export function foods(): [string, string] {
  return [l({ en: 'baozi', 'zh-CN': '包子' }), l({ en: 'mantou', 'zh-CN': '馒头' })];
}

export function customers(): [string, string] {
  return [l({ en: 'Zhang San', 'zh-CN': '张三' }), l({ en: 'Li Si', 'zh-CN': '李四' })];
}

/** A chef makes five items, each taking 1–3 s, and puts each into the queue. */
export async function cook(name: string, food: string, q: Queue | JoinableQueue): Promise<void> {
  for (let i = 1; i <= ITEMS_PER_CHEF; i++) {
    await sleep(randint(1, 3));
    await q.put(l({ en: `${name}'s ${food} #${i}`, 'zh-CN': `${name}做的第${i}个${food}` }));
  }
}

export async function ate(name: string, item: unknown): Promise<void> {
  await print(l({ en: `${name} ate ${item}`, 'zh-CN': `${name}吃了${item}` }));
}
