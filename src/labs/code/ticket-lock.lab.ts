/**
 * Lab: the same ticket race, but buying happens while holding one Lock created in main
 * and handed to every child, so read-decrement-write is never interleaved.
 */
import { story } from './kit/log';
import { defineLab, Lock, Process, sharedJson } from '../runtime';
import { narrateLock } from './tickets/narrate';
import { ticketOutcome } from './tickets/analysis';
import {
  buy,
  buyerName,
  INITIAL,
  noTickets,
  search,
  TICKET_FILE,
  type TicketFile,
} from './tickets/shop';

/** Child target: search without the lock (as the seed does), buy holding it. */
export async function grabTicketLocked(db: TicketFile, mutex: Lock): Promise<void> {
  const left = await search(db);
  if (left > 0) {
    await mutex.acquire();
    try {
      await buy(db);
    } finally {
      await mutex.release();
    }
  } else {
    await noTickets();
  }
}

export default defineLab(
  {
    id: 'ticket-lock',
    // Ten buyers: the runner boots them before main runs, so they really start together.
    processes: 10,
    title: { en: 'Ticket race with a lock', 'zh-CN': '抢票（互斥锁）' },
    description: {
      en: 'The ticket race again, with one Lock around buying: exactly one ticket is sold, and the others wait in line.',
      'zh-CN': '还是抢票，但买票时持有同一把互斥锁：只卖出一张票，其余进程排队等锁。',
    },
    outcome: ticketOutcome,
    narrate: story(narrateLock),
  },
  async () => {
    // Created here, in main, and passed to every child: one lock they all contend for.
    const mutex = new Lock({ name: 'mutex' });
    const db = await sharedJson(TICKET_FILE, INITIAL);
    // Like Python's start(), don't wait for one buyer to be running before starting the next:
    // all ten should begin their search at about the same moment.
    const started: Promise<void>[] = [];
    for (let i = 0; i < 10; i++)
      started.push(new Process(grabTicketLocked, [db, mutex], { name: buyerName(i) }).start());
    await Promise.all(started);
  },
);
