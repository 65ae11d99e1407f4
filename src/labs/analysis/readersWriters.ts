/** The readers-writers labs, read back from the log: how long the writer waited, and who overtook it. */
import type { Json, LabEvent, Localized } from '../../protocol/events';
import { eventsOf, labSec } from './kit/log';

/** More reads than readers starting after the writer asked: some reader overtook it twice. */
const READERS = 4;

export interface WriterOutcome {
  [k: string]: Json;
  wrote: boolean;
  writerWaitedUs: number;
  /** Reads that began after the writer asked for the room and before it got it. */
  overtaken: number;
  reads: number;
}

export function writerOutcome(events: readonly LabEvent[]): WriterOutcome {
  const writer = eventsOf(events, 'proc.spawn').at(-1)?.proc ?? -1;
  const asked = eventsOf(events, 'sem.request').find((e) => e.proc === writer);
  const got = eventsOf(events, 'sem.acquire').find((e) => e.proc === writer);
  // A read begins when a reader raises the count of readers inside (readers.json).
  let inside = 0;
  const starts: number[] = [];
  for (const w of eventsOf(events, 'file.write')) {
    const n = (w.value as { readers?: unknown } | null)?.readers;
    if (typeof n !== 'number') continue;
    if (n > inside) starts.push(w.t);
    inside = n;
  }
  const end = got?.t ?? Infinity;
  return {
    wrote: got !== undefined,
    writerWaitedUs: asked && got ? got.t - asked.t : 0,
    overtaken: asked ? starts.filter((t) => t > asked.t && t < end).length : 0,
    reads: starts.length,
  };
}

export function checkWriter(outcome: Json): Localized | undefined {
  const o = outcome as Partial<WriterOutcome> | null;
  if (!o || typeof o.overtaken !== 'number') return undefined;
  if (!o.wrote) return { en: 'the writer never wrote', 'zh-CN': '写者始终没能写' };
  if (o.overtaken <= READERS) return undefined;
  return {
    en: `the writer starved: ${o.overtaken} reads began after it asked for the room`,
    'zh-CN': `写者饿死了：它申请房间之后又开始了 ${o.overtaken} 次读`,
  };
}

/** "The writer got in; 12 of 16 reads overtook it" (or never got in). */
export function describeWriter(outcome: Json): Localized {
  const o = outcome as WriterOutcome;
  const overtook = {
    en: `${o.overtaken} of ${o.reads} reads overtook it`,
    'zh-CN': `${o.reads} 次读中有 ${o.overtaken} 次插到了它前面`,
  };
  return o.wrote
    ? { en: `The writer got in; ${overtook.en}`, 'zh-CN': `写者进去了；${overtook['zh-CN']}` }
    : {
        en: `The writer never got in; ${overtook.en}`,
        'zh-CN': `写者始终没能进去；${overtook['zh-CN']}`,
      };
}

export function narrateStarving(events: readonly LabEvent[]): Localized {
  const o = writerOutcome(events);
  return {
    en: `The writer asked for the room and waited ${labSec(events, o.writerWaitedUs)}, while ${o.overtaken} of the ${o.reads} reads began after it had asked. The first reader in takes the room and the last one out gives it back; as long as a new reader arrives before the last one leaves, the room is never empty, so the writer waits for every reader to finish every read. Readers are not wrong to share, but nothing stops them from overtaking a waiting writer: that is starvation.`,
    'zh-CN': `写者申请房间后等了 ${labSec(events, o.writerWaitedUs)}，这期间 ${o.reads} 次读里有 ${o.overtaken} 次是在它申请之后才开始的。第一个进来的读者占住房间，最后一个离开的读者才归还；只要最后一个读者离开之前又来了新读者，房间就永远不空，写者只能等所有读者读完所有内容。读者共享没有错，但没有任何东西阻止他们插到等待中的写者前面：这就是饥饿。`,
  };
}

export function narrateFair(events: readonly LabEvent[]): Localized {
  const o = writerOutcome(events);
  return {
    en: `The writer waited ${labSec(events, o.writerWaitedUs)}, and only ${o.overtaken} of the ${o.reads} reads began after it had asked. Every reader passes through the turnstile before entering; a writer that wants the room takes the turnstile and keeps it while it waits, so new readers queue behind it. The readers already inside finish, the room empties, and the writer goes in; then the turnstile opens again.`,
    'zh-CN': `写者只等了 ${labSec(events, o.writerWaitedUs)}，${o.reads} 次读中只有 ${o.overtaken} 次是在它申请之后开始的。每个读者进门前都要经过旋转门；想进房间的写者拿住旋转门并在等待时一直拿着，新来的读者只能排在它后面。已经在里面的读者读完离开，房间空了，写者进去；之后旋转门才再次打开。`,
  };
}
