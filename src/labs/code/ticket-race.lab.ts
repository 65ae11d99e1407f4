/**
 * Lab: ten processes race for one ticket in a shared JSON file, with no lock.
 * Each searches (sleep, read) and, if it saw a ticket, buys (read again, decrement, sleep, write).
 */
import { defineLab, Process, sharedJson } from 'concurrency-labs';
import { buy, buyerName, INITIAL, noTickets, search, type TicketFile } from './ticketShop';
import ticketRaceInfo from '../info/ticket-race.json';
import { TICKET_FILE } from '../info/tickets';

/** Child target: one buyer. A torn read throws out of here and crashes this buyer only. */
export async function grabTicket(db: TicketFile): Promise<void> {
  const left = await search(db);
  if (left > 0) await buy(db);
  else await noTickets();
}

export default defineLab(ticketRaceInfo, async () => {
  const db = await sharedJson(TICKET_FILE, INITIAL);
  // Like Python's start(), don't wait for one buyer to be running before starting the next:
  // all ten should begin their search at about the same moment.
  const started: Promise<void>[] = [];
  for (let i = 0; i < 10; i++)
    started.push(new Process(grabTicket, [db], { name: buyerName(i) }).start());
  await Promise.all(started);
});
