/**
 * A producer and a consumer share a buffer (a shared file) and a Condition. The producer puts an
 * item every second and notifies. The careless consumer checks the buffer without the lock and,
 * slow to go on, waits 1.5 s later: a notify sent in between wakes nobody. The careful consumer
 * checks and waits under the lock, with waitFor.
 */
import {
  Condition,
  currentProcess,
  l,
  print,
  Process,
  sharedJson,
  sleep,
  type SharedJson,
} from 'concurrency-labs';

export const ITEMS = 3;

interface BufferFile {
  items: number[];
}

export async function produce(items: Condition, buffer: SharedJson): Promise<void> {
  const me = currentProcess().name;
  for (let n = 1; n <= ITEMS; n++) {
    await sleep(1);
    await items.withLock(async () => {
      const b = (await buffer.read()) as unknown as BufferFile;
      await buffer.write({ items: [...b.items, n] });
      await print(
        l({ en: `${me} put item ${n} and notifies`, 'zh-CN': `${me}放入物品 ${n} 并 notify` }),
      );
      await items.notify();
    });
  }
}

async function take(buffer: SharedJson): Promise<number> {
  const b = (await buffer.read()) as unknown as BufferFile;
  await buffer.write({ items: b.items.slice(1) });
  await print(
    l({
      en: `${currentProcess().name} took item ${b.items[0]}`,
      'zh-CN': `${currentProcess().name}取走物品 ${b.items[0]}`,
    }),
  );
  return b.items[0];
}

/** The bug: the check is not under the lock, and the wait comes later without a second look. */
export async function consumeCarelessly(items: Condition, buffer: SharedJson): Promise<void> {
  for (let got = 0; got < ITEMS; got++) {
    const looked = (await buffer.read()) as unknown as BufferFile;
    if (looked.items.length === 0) {
      await sleep(1.5); // busy elsewhere between the check and the wait
      await items.withLock(() => items.wait());
    }
    await items.withLock(() => take(buffer));
  }
}

/** The fix: check and wait under the lock; waitFor looks again after every wakeup. */
export async function consumeCarefully(items: Condition, buffer: SharedJson): Promise<void> {
  for (let got = 0; got < ITEMS; got++) {
    await items.withLock(async () => {
      await items.waitFor(
        async () => ((await buffer.read()) as unknown as BufferFile).items.length > 0,
      );
      await take(buffer);
    });
    await sleep(1.5);
  }
}

export async function openShop(consumer: typeof consumeCarefully): Promise<void> {
  const items = new Condition(null, { name: l({ en: 'items', 'zh-CN': '物品' }) });
  const buffer = sharedJson('buffer.json', { items: [] });
  const procs = [
    new Process(produce, [items, buffer], { name: l({ en: 'Producer', 'zh-CN': '生产者' }) }),
    new Process(consumer, [items, buffer], { name: l({ en: 'Consumer', 'zh-CN': '消费者' }) }),
  ];
  await Promise.all(procs.map((p) => p.start()));
  for (const p of procs) await p.join();
}
