/**
 * Readers and a writer sharing one document. The readers-preference lock: the first reader in
 * takes the room (a Semaphore(1), which any process may release), the last one out gives it back;
 * the count of readers inside is a shared file guarded by a mutex. In the fair version every
 * reader passes a turnstile Lock that a waiting writer holds.
 */
import {
  currentProcess,
  l,
  Lock,
  print,
  Process,
  randint,
  Semaphore,
  sharedJson,
  sleep,
  type SharedJson,
} from 'concurrency-labs';

export const READERS = 4;
const READS = 4;

export interface Room {
  mutex: Lock;
  room: Semaphore;
  inside: SharedJson;
  turnstile: Lock | null;
}

export async function reader(n: number, r: Room): Promise<void> {
  const me = currentProcess().name;
  await sleep(n * 0.3);
  for (let i = 0; i < READS; i++) {
    if (r.turnstile) await r.turnstile.withLock(() => undefined);
    await r.mutex.withLock(async () => {
      const { readers } = (await r.inside.read()) as { readers: number };
      if (readers === 0) await r.room.acquire();
      await r.inside.write({ readers: readers + 1 });
    });
    await print(l({ en: `${me} reads`, 'zh-CN': `${me}在读` }));
    await sleep(randint(10, 14) / 10);
    await r.mutex.withLock(async () => {
      const { readers } = (await r.inside.read()) as { readers: number };
      if (readers === 1) await r.room.release();
      await r.inside.write({ readers: readers - 1 });
    });
    await sleep(0.1);
  }
}

export async function writer(r: Room): Promise<void> {
  const me = currentProcess().name;
  await sleep(0.8);
  await print(l({ en: `${me} wants to write`, 'zh-CN': `${me}想要写` }));
  if (r.turnstile) await r.turnstile.acquire();
  await r.room.acquire();
  if (r.turnstile) await r.turnstile.release();
  await print(l({ en: `${me} writes`, 'zh-CN': `${me}在写` }));
  await sleep(1);
  await r.room.release();
}

/** Main's part: the room, four readers, then the writer. */
export async function openRoom(
  fair: boolean,
  targets: { reader: typeof reader; writer: typeof writer },
) {
  const room: Room = {
    mutex: new Lock({ name: 'mutex' }),
    room: new Semaphore(1, { name: l({ en: 'room empty', 'zh-CN': '房间空着' }) }),
    inside: sharedJson('readers.json', { readers: 0 }),
    turnstile: fair ? new Lock({ name: l({ en: 'turnstile', 'zh-CN': '旋转门' }) }) : null,
  };
  const people = [
    ...Array.from(
      { length: READERS },
      (_, i) =>
        new Process(targets.reader, [i, room], {
          name: l({ en: `Reader ${i + 1}`, 'zh-CN': `读者${i + 1}` }),
        }),
    ),
    new Process(targets.writer, [room], { name: l({ en: 'Writer', 'zh-CN': '写者' }) }),
  ];
  await Promise.all(people.map((p) => p.start()));
  for (const p of people) await p.join();
}
