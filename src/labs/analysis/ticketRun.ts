/**
 * What each buyer did in a ticket run, read back from the event log alone.
 * The outcome counts writes to data.json: a buyer writes only after deciding it sold a ticket,
 * so each write is one sale, whatever the printed text or the UI language.
 */
import type { LabEvent } from '../../protocol/events';
import { objNamed, procNames } from './kit/log';
import { TICKET_FILE } from '../info/tickets';

export interface Read {
  t: number;
  value?: number;
  error?: string;
}

export interface Buyer {
  proc: number;
  name: string;
  /** Reads in order: [0] is the search, [1] the search inside buy. */
  reads: Read[];
  write?: { t: number; value: number };
  /** When the buyer got the lock and how long it waited (ticket-lock only). */
  lock?: { t: number; waitedUs: number };
  exitCode?: number | null;
}

export interface TicketRun {
  tickets: number;
  buyers: Buyer[];
}

export function readTicketRun(events: readonly LabEvent[]): TicketRun {
  const file = objNamed(events, 'file.create', TICKET_FILE);
  const names = procNames(events);
  const buyers = new Map<number, Buyer>();
  const buyer = (proc: number): Buyer => {
    let b = buyers.get(proc);
    if (!b) buyers.set(proc, (b = { proc, name: names.get(proc) ?? `#${proc}`, reads: [] }));
    return b;
  };
  let tickets = 1;
  for (const e of events) {
    if (e.proc <= 0) {
      if (e.kind === 'file.create' && e.obj === file) tickets = ticketNum(e.value) ?? tickets;
      continue;
    }
    switch (e.kind) {
      case 'proc.spawn':
        buyer(e.proc);
        break;
      case 'file.read':
        if (e.obj === file)
          buyer(e.proc).reads.push({ t: e.t, value: ticketNum(e.value), error: e.error });
        break;
      case 'file.write':
        if (e.obj === file) buyer(e.proc).write = { t: e.t, value: ticketNum(e.value) ?? NaN };
        break;
      case 'lock.acquire':
        buyer(e.proc).lock = { t: e.t, waitedUs: e.waitedUs };
        break;
      case 'proc.exit':
        buyer(e.proc).exitCode = e.code;
        break;
    }
  }
  return { tickets, buyers: [...buyers.values()] };
}

/**
 * Tickets and sales, and the buyers that crashed on a torn read when any did: two runs that sold
 * as many tickets, one of them with a crashed buyer, are different outcomes (explore counts them
 * apart).
 */
export function ticketOutcome(events: readonly LabEvent[]): {
  tickets: number;
  sold: number;
  crashed?: number;
} {
  const run = readTicketRun(events);
  const sold = run.buyers.filter((b) => b.write).length;
  const torn = crashed(run).length;
  return torn ? { tickets: run.tickets, sold, crashed: torn } : { tickets: run.tickets, sold };
}

/** Buyers who sold, in the order their writes landed. */
export function sellers(run: TicketRun): Buyer[] {
  return run.buyers.filter((b) => b.write).sort((a, b) => a.write!.t - b.write!.t);
}

/** Buyers whose read raised: they crashed on a torn data.json. */
export function crashed(run: TicketRun): Buyer[] {
  return run.buyers.filter((b) => b.reads.some((r) => r.error !== undefined));
}

/** Found a ticket in the search but 0 when buying. */
export function lateBuyers(run: TicketRun): Buyer[] {
  return run.buyers.filter((b) => !b.write && b.reads.length >= 2 && b.reads[1].value === 0);
}

/** Found 0 in the first search and never tried to buy. */
export function soldOutAtSearch(run: TicketRun): Buyer[] {
  return run.buyers.filter((b) => b.reads.length === 1 && b.reads[0].value === 0);
}

function ticketNum(v: unknown): number | undefined {
  if (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { ticket_num?: unknown }).ticket_num === 'number'
  ) {
    return (v as { ticket_num: number }).ticket_num;
  }
  return undefined;
}
