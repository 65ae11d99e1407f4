/** Python's print: the line goes to the run's log, which the timeline and the terminal show. */
import { format } from 'node:util';
import { notify } from './context';

export function print(...args: unknown[]): void {
  notify({ id: 0, op: 'log', text: format(...args) });
}
