/**
 * Drives `node dist/cli.js run … --schedule step` as a person would, through a pipe: each time
 * the CLI prompts, `decide` reads the menu it printed and returns the line to type (a number, a
 * name, '' for Enter, 'r', 'u'), or null to close the input (fifo to the end).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DIST, ensureBuilt } from './build';

export interface Menu {
  step: number;
  /** The runnable lines, in order: their number and their text (name and pending operation). */
  runnable: { n: number; text: string }[];
  /** The whole menu as printed. */
  text: string;
}

export interface Driven {
  code: number | null;
  stdout: string;
  stderr: string;
  menus: Menu[];
}

const PROMPT = /(?:choose 1-\d+|输入 1-\d+|press 1 or Enter|按 1 或回车).*> \n/;

function parseMenu(block: string): Menu {
  const head = /(?:Step|第) (\d+)/.exec(block);
  const runnable: Menu['runnable'] = [];
  let inRunnable = false;
  for (const line of block.split('\n')) {
    if (/can go on:|可以继续：/.test(line)) inRunnable = true;
    else if (/blocked:|被阻塞：/.test(line)) inRunnable = false;
    else if (inRunnable) {
      const m = /^\s+(\d+)\s+(.*)$/.exec(line);
      if (m) runnable.push({ n: Number(m[1]), text: m[2] });
    }
  }
  return { step: head ? Number(head[1]) : -1, runnable, text: block };
}

export async function driveStep(
  args: string[],
  decide: (menu: Menu) => string | null,
): Promise<Driven> {
  await ensureBuilt();
  const child = spawn(process.execPath, [join(DIST, 'cli.js'), 'run', ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let seen = 0;
  const menus: Menu[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    for (;;) {
      const rest = stdout.slice(seen);
      const m = PROMPT.exec(rest);
      if (!m) return;
      const block = rest.slice(Math.max(0, rest.lastIndexOf('\n\n', m.index)), m.index);
      seen += m.index + m[0].length;
      if (!child.stdin.writable) continue;
      const menu = parseMenu(block);
      menus.push(menu);
      const answer = decide(menu);
      if (answer === null) child.stdin.end();
      else child.stdin.write(`${answer}\n`);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr, menus };
}

/** The number of the first runnable line that matches every pattern, as the answer to type. */
export function pick(menu: Menu, ...patterns: RegExp[]): string | undefined {
  const line = menu.runnable.find((r) => patterns.every((p) => p.test(r.text)));
  return line && String(line.n);
}

/**
 * A person making a torn read in a ticket race: wake sleepers first, so reads and writes come
 * due together; start a write (its truncate) while a read is pending; then, while that write is
 * half done (truncated, not filled), let the reader go. `made()` tells whether the moment came.
 */
export function tornReadChooser(): { decide: (menu: Menu) => string | null; made: () => boolean } {
  let torn = false;
  return {
    made: () => torn,
    decide: (menu) => {
      if (torn) return null;
      const reader = pick(menu, /read data\.json/);
      if (reader && menu.runnable.some((r) => /\(fill\)/.test(r.text))) {
        torn = true;
        return reader;
      }
      const truncate = pick(menu, /\(truncate\)/);
      if (truncate && reader) return truncate;
      return pick(menu, /wake from sleep/) ?? '';
    },
  };
}
