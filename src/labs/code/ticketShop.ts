/**
 * The ticket shop both ticket labs run: search (sleep, then read the ticket count) and
 * buy (search again, decrement, sleep, write). The sleeps stand for slow I/O; they are
 * what leaves room for other processes to read a count that is about to change.
 */
import { currentProcess, l, print, randint, sleep } from 'concurrency-labs';

/** The shared data.json, as the runtime hands it to a child. */
export interface TicketFile {
  read(): unknown;
  write(value: { ticket_num: number }): unknown;
}

export const INITIAL = { ticket_num: 1 };

/** One look at the count. A torn file makes `read()` raise; like the seed, we let it crash us. */
export async function search(db: TicketFile): Promise<number> {
  await sleep(randint(1, 2));
  const data = (await db.read()) as { ticket_num?: number } | null;
  return Number(data?.ticket_num);
}

/** Read-decrement-write, with a slow step between the read and the write. */
export async function buy(db: TicketFile): Promise<void> {
  let left = await search(db);
  const me = currentProcess().name;
  if (left === 0) {
    await print(
      l({
        en: `${me} missed out: 0 tickets left when buying`,
        'zh-CN': `${me}抢票失败：购买时余票为 0`,
      }),
    );
    return;
  }
  left -= 1;
  await sleep(randint(1, 2));
  await db.write({ ticket_num: left });
  await print(l({ en: `${me} got a ticket`, 'zh-CN': `${me}抢票成功` }));
}

export async function noTickets(): Promise<void> {
  const me = currentProcess().name;
  await print(l({ en: `${me} found no tickets left`, 'zh-CN': `${me}查询发现没有余票` }));
}

/** "Process 3" / "进程3", the seed's names for the ten buyers. */
export function buyerName(i: number): string {
  return l({ en: `Process ${i}`, 'zh-CN': `进程${i}` });
}
