/**
 * The four gates of the value-counter labs: each counts its visitors into one shared Value, with
 * or without the Value's lock around the read and the write.
 */
import {
  Barrier,
  defineLab,
  l,
  Process,
  random,
  sleep,
  Value,
  type LabDefinition,
  type LabMeta,
} from 'concurrency-labs';

export const GATES = 4;
export const VISITORS = 25;

/** One visitor counted: a read, a moment to show the number on the gate's display, a write. */
async function countOne(counter: Value): Promise<void> {
  const seen = (await counter.get()) as number;
  await sleep(random() / 50);
  await counter.set(seen + 1);
}

/** A gate's day. `locked`: every count under counter.getLock(), so nobody comes in between. */
export async function gate(counter: Value, open: Barrier, locked: boolean): Promise<void> {
  await open.wait();
  for (let i = 0; i < VISITORS; i++) {
    if (locked) await counter.getLock().withLock(() => countOne(counter));
    else await countOne(counter);
  }
}

/** The lab: the gates open together (a barrier), count, and main reads the total. */
export function gatesLab(info: LabMeta, locked: boolean): LabDefinition {
  return defineLab(info, async () => {
    const counter = new Value('i', 0, { name: l({ en: 'visitors', 'zh-CN': '访客数' }) });
    const open = new Barrier(GATES, { name: l({ en: 'gates open', 'zh-CN': '开门' }) });
    const gates = Array.from(
      { length: GATES },
      (_, i) =>
        new Process(gate, [counter, open, locked], {
          name: l({ en: `Gate ${i + 1}`, 'zh-CN': `闸机${i + 1}` }),
        }),
    );
    await Promise.all(gates.map((g) => g.start()));
    for (const g of gates) await g.join();
    await counter.get();
  });
}
