/**
 * Text that only lab code or only the runtime contains, to find them in a bundle: string literals
 * (with any variable name in a template), which survive minification; function names do not.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One per built-in lab's code (src/labs/code): each is printed or put by the lab itself. */
export const LAB_CODE_MARKERS: Record<string, RegExp> = {
  'ticket-race': /missed out: 0 tickets left when buying/,
  'ticket-lock': /missed out: 0 tickets left when buying/,
  'queue-basics': /waited 1 s for a free slot, then raised Full/,
  ipc: /Hello from the producer, via the queue!/,
  'producer-consumer-sentinel': /\$\{\w+\} ate \$\{\w+\}/,
  'producer-consumer-joinable': /\$\{\w+\} ate \$\{\w+\}/,
  deadlock: /locked \$\{[\w[\]]+\} and moves the money/,
  'deadlock-ordered': /locked \$\{[\w[\]]+\} and moves the money/,
  'dining-philosophers': /eats \(meal \$\{\w+\}\)/,
  'dining-philosophers-ordered': /eats \(meal \$\{\w+\}\)/,
  'dining-philosophers-seats': /eats \(meal \$\{\w+\}\)/,
  'semaphore-pool': /runs query \$\{\w+\} on a connection/,
  barrier: /came in last: everyone finished the lap/,
  'readers-writers': /wants to write/,
  'readers-writers-fair': /wants to write/,
  'bounded-buffer-condition': /put item \$\{\w+\} and notifies/,
  'bounded-buffer-condition-fixed': /put item \$\{\w+\} and notifies/,
  'pool-map': /map returned \[\$\{/,
  'value-counter': /en: "gates open"/,
  'value-counter-locked': /en: "gates open"/,
  'pipe-ping-pong': /Ping has left the table/,
};

/** The runtime's refusal outside a lab process (src/runtime/context.ts). */
export const RUNTIME_MARKER = /this works only inside a lab process started by the runner/;

/** The markers of lab code and of the runtime found in `file` under `dir`. */
export function labAndRuntimeCodeIn(dir: string, file: string): string[] {
  const path = join(dir, file);
  if (!existsSync(path)) throw new Error(`${file} was not built`);
  const text = readFileSync(path, 'utf8');
  const labMarkers = new Map(Object.values(LAB_CODE_MARKERS).map((m) => [m.source, m]));
  const markers = [...labMarkers.values(), RUNTIME_MARKER];
  return markers.filter((m) => m.test(text)).map((m) => m.source);
}
