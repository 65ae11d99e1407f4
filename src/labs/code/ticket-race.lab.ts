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
  // As Python's `for p in buyers: p.start()`: each start returns once its process exists (the
  // fork is done), not once it runs, so the buyers begin their searches a little apart, in order.
  // Started all at once, they woke within a fraction of a millisecond of each other, and who went
  // first at each tick was decided by how busy the machine was: more tickets were sold under load.
  for (let i = 0; i < 10; i++) await new Process(grabTicket, [db], { name: buyerName(i) }).start();
});
