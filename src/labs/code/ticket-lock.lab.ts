/**
 * Lab: the same ticket race, but buying happens while holding one Lock created in main
 * and handed to every child, so read-decrement-write is never interleaved.
 */
import { defineLab, Lock, Process, sharedJson } from 'concurrency-labs';
import { buy, buyerName, INITIAL, noTickets, search, type TicketFile } from './ticketShop';
import ticketLockInfo from '../info/ticket-lock.json';
import { TICKET_FILE } from '../info/tickets';

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

export default defineLab(ticketLockInfo, async () => {
  // Created here, in main, and passed to every child: one lock they all contend for.
  const mutex = new Lock({ name: 'mutex' });
  const db = await sharedJson(TICKET_FILE, INITIAL);
  // Like Python's start(), don't wait for one buyer to be running before starting the next:
  // all ten should begin their search at about the same moment.
  const started: Promise<void>[] = [];
  for (let i = 0; i < 10; i++)
    started.push(new Process(grabTicketLocked, [db, mutex], { name: buyerName(i) }).start());
  await Promise.all(started);
});
