/**
 * Under a controlled schedule every interleaving is a choice, so the narration can say whose: in
 * step mode the learner's ("you let Process 3 read before Process 1 wrote"), otherwise the
 * schedule's. Each read or write is matched to the decision that let its process go on to it.
 */
import type { EventOf, LabEvent, Localized } from '../../protocol/events';
import { eventsOf } from './kit/log';

/** At most this many choices are named one by one; the rest are counted. */
const NAMED = 3;

/** The step of the last decision that let `proc` go on at or before `t` (0: none). */
function stepFor(decisions: readonly EventOf<'sched.step'>[], proc: number, t: number): number {
  let step = 0;
  for (const d of decisions) {
    if (d.t > t) break;
    if (d.chosen === proc) step = d.step;
  }
  return step;
}

export interface LateRead {
  /** The buyer who read the stale value, and when. */
  name: string;
  proc: number;
  readT: number;
}

/**
 * The choices that let each of `late` read before `writer` wrote (at `writeT`), in words; nothing
 * for a realtime run (no decisions were made) or when no decision can be found.
 */
export function choicesBehind(
  events: readonly LabEvent[],
  writer: { name: string; proc: number; writeT: number },
  late: readonly LateRead[],
): Localized | undefined {
  const start = events.find((e) => e.kind === 'run.start');
  const mode = start?.kind === 'run.start' ? start.schedule : undefined;
  if (!mode) return undefined;
  const decisions = eventsOf(events, 'sched.step');
  const wrote = stepFor(decisions, writer.proc, writer.writeT);
  const reads = late
    .map((b) => ({ ...b, step: stepFor(decisions, b.proc, b.readT) }))
    .filter((b) => b.step > 0 && b.step < wrote)
    .sort((a, b) => a.step - b.step);
  if (!reads.length || !wrote) return undefined;
  // A replay repeats the log it replays word for word, so only step mode says "you".
  const person = mode === 'step';
  const en = reads.slice(0, NAMED).map((b) => {
    const who = person ? 'you let' : 'the schedule let';
    return `At step ${b.step} ${who} ${b.name} read data.json before ${writer.name} wrote it (step ${wrote}).`;
  });
  const zh = reads.slice(0, NAMED).map((b) => {
    const who = person ? '你让' : '调度让';
    return `第 ${b.step} 步，${who} ${b.name} 在 ${writer.name} 写入（第 ${wrote} 步）之前读取了 data.json。`;
  });
  const more = reads.length - NAMED;
  if (more > 0) {
    en.push(`${more} more ${more === 1 ? 'buyer' : 'buyers'} read it too before that write.`);
    zh.push(`另有 ${more} 个买家也在那次写入之前读取了它。`);
  }
  return {
    en: `${person ? 'Your choices' : 'The schedule’s choices'} made this happen. ${en.join(' ')}`,
    'zh-CN': `${person ? '这是你的选择造成的。' : '这是调度的选择造成的。'}${zh.join('')}`,
  };
}
