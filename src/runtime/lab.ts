/**
 * What a lab module is. A lab module's default export is `defineLab(meta, main)`;
 * the functions it passes to `new Process(target)` are named exports of the same module,
 * so a child process can load the module and call the target by name.
 */
import type { Localized } from '../protocol/events';

/** Text of an own lab's meta: a plain string, or one or both languages. */
export type LabText = string | Localized | { en: string } | { 'zh-CN': string };

export interface LabMeta {
  /** Stable id, e.g. `ticket-race`. */
  id: string;
  title: LabText;
  description: LabText;
  /**
   * How many processes the lab starts besides main, when it knows. A hint: the runner gets that
   * many processes booted ahead of time, so start() is instant and children truly start together.
   */
  processes?: number;
  /**
   * What the run came to, from its event log (the JSON events of `docs/protocol.md`): any JSON
   * value, e.g. `{ balance: 90 }`. Runs with the same outcome fall in one bar of an exploration's
   * histogram. Called in the main process once the lab code has ended.
   */
  outcome?: (events: readonly Record<string, unknown>[]) => unknown;
  /**
   * The outcome in one line of words, as text or `{ en, 'zh-CN' }`: the run's banner in the
   * timeline and the CLI (without it the banner shows the outcome as JSON).
   */
  describe?: (outcome: unknown) => LabText;
  /**
   * What must hold: returns nothing when `outcome` is fine, else why not, as text or
   * `{ en, 'zh-CN' }`. A run that ends in a deadlock, a hang, an error or a timeout fails anyway.
   */
  check?: (outcome: unknown) => LabText | undefined | void;
}

export interface LabDefinition {
  readonly kind: 'concurrency-lab';
  readonly meta: LabMeta;
  /** Runs in the main process ("MainProcess"). */
  readonly main: () => unknown;
}

/** The default export of every lab module. */
export function defineLab(meta: LabMeta, main: () => unknown): LabDefinition {
  return { kind: 'concurrency-lab', meta, main };
}

export function isLabDefinition(x: unknown): x is LabDefinition {
  return (
    typeof x === 'object' &&
    x !== null &&
    (x as LabDefinition).kind === 'concurrency-lab' &&
    typeof (x as LabDefinition).main === 'function' &&
    typeof (x as LabDefinition).meta?.id === 'string'
  );
}

/**
 * Text in both languages from what a lab wrote: a plain string serves both, and a language that is
 * missing falls back to the other; anything else gives `fallback`.
 */
export function bothLanguages(text: unknown, fallback: string): Localized {
  if (typeof text === 'string') return { en: text, 'zh-CN': text };
  if (typeof text !== 'object' || text === null) return { en: fallback, 'zh-CN': fallback };
  const { en, 'zh-CN': zh } = text as { en?: unknown; 'zh-CN'?: unknown };
  const english = typeof en === 'string' ? en : undefined;
  const chinese = typeof zh === 'string' ? zh : undefined;
  return { en: english ?? chinese ?? fallback, 'zh-CN': chinese ?? english ?? fallback };
}
