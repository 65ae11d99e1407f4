/** The value-counter and pipe-ping-pong labs, read back from the log. */
import type { Json, LabEvent, Localized } from '../../protocol/events';
import { describeLostUpdate, findLostUpdates } from '../../model/fileDiagnostics';
import { collectNames } from '../../model/logNames';
import { eventsOf, labSec, nameOf, procNames } from './kit/log';

export interface CounterOutcome {
  [k: string]: Json;
  /** What the counter said at the end. */
  counted: number;
  /** Visitors that went through a gate: one write each. */
  expected: number;
  lost: number;
}

export function counterOutcome(events: readonly LabEvent[]): CounterOutcome {
  const counter = eventsOf(events, 'value.create')[0];
  const sets = eventsOf(events, 'value.set').filter((e) => e.obj === counter?.obj);
  const last = sets[sets.length - 1];
  const counted = typeof last?.value === 'number' ? last.value : 0;
  return { counted, expected: sets.length, lost: sets.length - counted };
}

export function checkCounter(outcome: Json): Localized | undefined {
  const o = outcome as Partial<CounterOutcome> | null;
  if (!o || typeof o.lost !== 'number' || o.lost <= 0) return undefined;
  return {
    en: `${o.lost} of ${o.expected} counts were lost: a gate wrote over another gate's count`,
    'zh-CN': `${o.expected} 次计数中丢了 ${o.lost} 次：一个闸机的写入覆盖了另一个闸机的计数`,
  };
}

/** "73 of 100 visitors counted, 27 lost". */
export function describeCounter(outcome: Json): Localized {
  const o = outcome as CounterOutcome;
  return o.lost > 0
    ? {
        en: `${o.counted} of ${o.expected} visitors counted, ${o.lost} lost`,
        'zh-CN': `${o.expected} 位访客只计了 ${o.counted} 位，丢了 ${o.lost} 位`,
      }
    : {
        en: `${o.counted} of ${o.expected} visitors counted, none lost`,
        'zh-CN': `${o.expected} 位访客全部计入，一个没丢`,
      };
}

export function narrateCounter(events: readonly LabEvent[]): Localized {
  const o = counterOutcome(events);
  const first = findLostUpdates(events)[0];
  const example = first ? describeLostUpdate(first, collectNames(events)).message : undefined;
  const why = {
    en: `The counter ends at ${o.counted}, but ${o.expected} visitors went through the gates. Each get() and each set() is one operation on its own, and the Value's lock is held for each of them, not from the read to the write: between a gate's read and its write, another gate reads the same number, and the later write throws the earlier count away.${example ? ` For example: ${example.en}` : ''} Python's counter.value += 1 does exactly the same (CPython issue bpo-16998). The fix holds counter.getLock() around both: see "Value fixed".`,
    'zh-CN': `计数器最后是 ${o.counted}，但通过闸机的访客有 ${o.expected} 位。每次 get() 和每次 set() 都是单独的一个操作，Value 的锁只在每个操作期间持有，而不是从读一直持有到写：在一个闸机读和写之间，另一个闸机读到了同一个数，后写的那次就把先写的计数冲掉了。${example ? `例如：${example['zh-CN']}` : ''}Python 的 counter.value += 1 也完全一样（CPython 问题 bpo-16998）。解决办法是用 counter.getLock() 把读和写都包起来：见「修复 Value」。`,
  };
  return why;
}

export function narrateCounterLocked(events: readonly LabEvent[]): Localized {
  const o = counterOutcome(events);
  const counter = eventsOf(events, 'value.create')[0];
  const waits = eventsOf(events, 'lock.acquire').filter(
    (e) => e.obj === counter?.lock && e.waitedUs > 0,
  );
  return {
    en: `All ${o.counted} of ${o.expected} visitors were counted. Each gate holds counter.getLock() from its get() to its set(), so a read and its write are one step to every other gate: ${waits.length} times a gate had to wait for the lock, and that waiting is what keeps every count. The lock is an RLock, so the Value's own reads and writes, which take it too, pass while the gate holds it.`,
    'zh-CN': `${o.expected} 位访客全部计入（${o.counted}）。每个闸机从 get() 到 set() 一直拿着 counter.getLock()，所以在别的闸机看来，读和写是一步完成的：闸机等锁等了 ${waits.length} 次，正是这些等待保住了每一次计数。这把锁是 RLock，Value 自己的读写也要拿它，闸机拿着锁时它们照样能通过。`,
  };
}

export interface RallyOutcome {
  [k: string]: Json;
  /** Replies Ping received. */
  rallies: number;
  expected: number;
  messages: number;
  /** Pong's last recv() raised EOFError. */
  eof: boolean;
}

export function rallyOutcome(events: readonly LabEvent[]): RallyOutcome {
  const names = procNames(events);
  const byPing = (e: { proc: number }) => nameOf(names, e.proc) === 'Ping';
  return {
    rallies: eventsOf(events, 'pipe.recv').filter(byPing).length,
    expected: 5,
    messages: eventsOf(events, 'pipe.send').length,
    eof: eventsOf(events, 'pipe.eof').some((e) => !byPing(e)),
  };
}

export function checkRallies(outcome: Json): Localized | undefined {
  const o = outcome as Partial<RallyOutcome> | null;
  if (!o || typeof o.rallies !== 'number') return undefined;
  if (o.rallies < (o.expected ?? 5))
    return {
      en: `only ${o.rallies} of ${o.expected} rallies came back`,
      'zh-CN': `${o.expected} 个回合只回来了 ${o.rallies} 个`,
    };
  if (!o.eof) return { en: 'Pong never saw EOFError', 'zh-CN': 'Pong 没有收到 EOFError' };
  return undefined;
}

/** "5 of 5 rallies, 10 messages; Pong saw EOFError". */
export function describeRallies(outcome: Json): Localized {
  const o = outcome as RallyOutcome;
  return {
    en: `${o.rallies} of ${o.expected} rallies, ${o.messages} messages${o.eof ? '; Pong saw EOFError' : ''}`,
    'zh-CN': `${o.expected} 个回合打了 ${o.rallies} 个，共 ${o.messages} 条消息${o.eof ? '；Pong 收到了 EOFError' : ''}`,
  };
}

export function narrateRallies(events: readonly LabEvent[]): Localized {
  const o = rallyOutcome(events);
  const waits = eventsOf(events, 'pipe.recv.wait').length;
  // Every recv() call: those that got a message, and the one that raised EOFError.
  const recvs = eventsOf(events, 'pipe.recv').length + eventsOf(events, 'pipe.eof').length;
  const waited = waits ? labSec(events, waitTotal(events) / waits) : '0.0 s';
  return {
    en: `Ping and Pong rallied ${o.rallies} times, ${o.messages} messages in all (each is an arrow on the pipe's track, from sender to receiver). recv() waits until a message arrives: ${waits} of ${recvs} receives had to wait, ${waited} on average, while the other player was still on its way. A duplex Pipe has two ends, and a message sent at one end comes out at the other. When Ping closed its end, nobody held it any more (main had put its copies down right after starting the players), so Pong's next recv() raised EOFError instead of waiting for ever. Had main kept its copy, Pong would have waited: an end stays open while any process holds it.`,
    'zh-CN': `Ping 和 Pong 来回打了 ${o.rallies} 个回合，共 ${o.messages} 条消息（管道轨道上的每个箭头都是一条消息，从发送方指向接收方）。recv() 会一直等到消息到达：${recvs} 次接收中有 ${waits} 次需要等待，平均 ${waited}，那时对方还在路上。双工 Pipe 有两端，从一端发出的消息从另一端出来。Ping 关闭它那一端后，再没有进程拿着这一端（主进程启动两名选手后就放下了自己的副本），所以 Pong 的下一次 recv() 抛出 EOFError，而不是永远等下去。要是主进程一直留着副本，Pong 就会一直等：只要还有进程拿着某一端，它就没有关闭。`,
  };
}

/** Time spent in recv() waits, from each wait to the message or EOF that ended it. */
function waitTotal(events: readonly LabEvent[]): number {
  const since = new Map<number, number>();
  let total = 0;
  for (const e of events) {
    if (e.kind === 'pipe.recv.wait') since.set(e.proc, e.t);
    else if ((e.kind === 'pipe.recv' || e.kind === 'pipe.eof') && since.has(e.proc)) {
      total += e.t - since.get(e.proc)!;
      since.delete(e.proc);
    }
  }
  return total;
}
