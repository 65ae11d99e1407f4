/**
 * What a lab module is. A lab module's default export is `defineLab(meta, main)`;
 * the functions it passes to `new Process(target)` are named exports of the same module,
 * so a child process can load the module and call the target by name.
 */
import type { Localized } from '../protocol/events';

export interface LabMeta {
  /** Stable id, e.g. `ticket-race`. */
  id: string;
  title: Localized;
  description: Localized;
  /**
   * How many processes the lab starts besides main, when it knows. A hint: the runner gets that
   * many processes booted ahead of time, so start() is instant and children truly start together.
   */
  processes?: number;
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
