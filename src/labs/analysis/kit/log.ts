/**
 * Small read-only helpers over a finished event log, shared by the labs' outcome and narration.
 * Pure: no Node, no runtime imports, so they also run in the runner and in tests.
 */
import type { EventKind, EventOf, LabEvent, Localized } from '../../../protocol/events';
import { tidyLocalized } from '../../../model/chineseText';

/** Every event of one kind, in log order. */
export function eventsOf<K extends EventKind>(events: readonly LabEvent[], kind: K): EventOf<K>[] {
  return events.filter((e): e is LabEvent & EventOf<K> => e.kind === kind) as EventOf<K>[];
}

/** Process id → the name it ran under (from `proc.spawn`). */
export function procNames(events: readonly LabEvent[]): Map<number, string> {
  const names = new Map<number, string>();
  for (const e of eventsOf(events, 'proc.spawn')) names.set(e.proc, e.name);
  return names;
}

/** A name for a process id, falling back to its number. */
export function nameOf(names: Map<number, string>, proc: number): string {
  return names.get(proc) ?? (proc === 0 ? 'MainProcess' : `#${proc}`);
}

/** The run's speed factor (1 when the log has no run.start). */
export function speedOf(events: readonly LabEvent[]): number {
  const start = events.find((e) => e.kind === 'run.start');
  return start && start.kind === 'run.start' && start.speed > 0 ? start.speed : 1;
}

/**
 * The id of lab `id` as the learner knows it from this run: its Python version when the run was
 * of a built-in Python lab (`python-…`, src/labs/info/pythonLabs.ts), which shares this analysis.
 */
export function labId(events: readonly LabEvent[], id: string): string {
  const start = events.find((e) => e.kind === 'run.start');
  return start?.kind === 'run.start' && start.lab.startsWith('python-') ? `python-${id}` : id;
}

/**
 * A duration in lab seconds, i.e. in the units the lab's sleeps are written in:
 * at speed 20 a 1 s sleep takes 50 ms of wall time but still reads "1.0 s" here.
 */
export function labSec(events: readonly LabEvent[], us: number): string {
  return `${((us * speedOf(events)) / 1e6).toFixed(1)} s`;
}

/** "A", "A and B", "A, B and C". */
export function listEn(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "A", "A 和 B", "A、B 和 C". */
export function listZh(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join('、')} 和 ${items[items.length - 1]}`;
}

/** Joins non-empty sentences of each language. */
export function paragraphs(parts: readonly (Localized | undefined)[]): Localized {
  const ok = parts.filter((p): p is Localized => !!p);
  return { en: ok.map((p) => p.en).join(' '), 'zh-CN': ok.map((p) => p['zh-CN']).join('') };
}

/** The id of the first object created with a given name (a file, a lock or a queue). */
export function objNamed(
  events: readonly LabEvent[],
  kind: 'file.create' | 'lock.create' | 'queue.create',
  name?: string,
): number | undefined {
  for (const e of eventsOf(events, kind)) if (name === undefined || e.name === name) return e.obj;
  return undefined;
}

/** JSON text of a lab value, as a learner would write it. */
export function show(v: unknown): string {
  if (v === null) return 'None';
  return JSON.stringify(v);
}

/** Said first when the run was stopped or timed out: processes were killed before they finished. */
export function cutShort(events: readonly LabEvent[]): Localized | undefined {
  const spawned = eventsOf(events, 'proc.spawn').map((e) => e.proc);
  const exits = new Map(eventsOf(events, 'proc.exit').map((e) => [e.proc, e]));
  const unfinished = spawned.filter(
    (p) => !exits.has(p) || exits.get(p)!.reason === 'killed',
  ).length;
  if (unfinished === 0) return undefined;
  return {
    en: `The run ended early: ${unfinished} of ${spawned.length} processes had not finished, so this is only part of the story.`,
    'zh-CN': `运行提前结束了：${spawned.length} 个进程中有 ${unfinished} 个还没有完成，下面只是部分经过。`,
  };
}

/**
 * A lab's `narrate`, prefixed with a warning when the run was cut short. Its Chinese is tidied
 * for the names it holds (进程2 and 主进程 without spaces around them, model/chineseText.ts).
 */
export function story(
  tell: (events: readonly LabEvent[]) => Localized,
): (outcome: unknown, events: readonly LabEvent[]) => Localized {
  return (_outcome, events) => tidyLocalized(paragraphs([cutShort(events), tell(events)]));
}

/** "1 item", "3 items". */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
