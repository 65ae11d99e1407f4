/**
 * Lab: ten processes race for one ticket in a shared JSON file, with no lock.
 * Each searches (sleep, read) and, if it saw a ticket, buys (read again, decrement, sleep, write).
 */
import { story } from './kit/log';
import { defineLab, Process, sharedJson } from '../runtime';
import { narrateRace } from './tickets/narrate';
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

/** Child target: one buyer. A torn read throws out of here and crashes this buyer only. */
export async function grabTicket(db: TicketFile): Promise<void> {
  const left = await search(db);
  if (left > 0) await buy(db);
  else await noTickets();
}

export default defineLab(
  {
    id: 'ticket-race',
    // Ten buyers: the runner boots them before main runs, so they really start together.
    processes: 10,
    title: { en: 'Ticket race (no lock)', 'zh-CN': '抢票（不加锁）' },
    description: {
      en: 'Ten processes buy the only ticket in data.json at the same time. Without a lock, several of them sell it.',
      'zh-CN': '十个进程同时抢 data.json 里仅有的一张票。没有锁，好几个进程都会把它卖出去。',
    },
    outcome: ticketOutcome,
    narrate: story(narrateRace),
  },
  async () => {
    const db = await sharedJson(TICKET_FILE, INITIAL);
    // Like Python's start(), don't wait for one buyer to be running before starting the next:
    // all ten should begin their search at about the same moment.
    const started: Promise<void>[] = [];
    for (let i = 0; i < 10; i++)
      started.push(new Process(grabTicket, [db], { name: buyerName(i) }).start());
    await Promise.all(started);
  },
);
