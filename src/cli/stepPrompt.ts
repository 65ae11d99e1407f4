/**
 * Step mode in the terminal: each decision shows the runnable processes, numbered, with what
 * each would do next, the blocked ones with why, and the outcome so far; the person answers
 * with a number or a process name. Enter takes the default (fifo), `r` runs to the end (fifo),
 * `u` undoes the last step. Without a terminal each input line is one answer and the end of
 * input means "fifo to the end", so a file can drive a run.
 */
import { createInterface } from 'node:readline';
import type { StepChoice } from '../protocol/host';
import type { Lang } from './args';
import { plainText } from './terminalText';
import { processNameIn } from '../model/chineseText';
import { textIn } from '../model/localizedText';
import { displayWidth, fit } from './style';

export type StepAnswer = { proc: number } | { undo: true };

const TEXT = {
  step: { en: 'Step', 'zh-CN': '第' },
  stepTail: { en: '', 'zh-CN': ' 步' },
  runnable: { en: 'can go on:', 'zh-CN': '可以继续：' },
  blocked: { en: 'blocked:', 'zh-CN': '被阻塞：' },
  soFar: { en: 'outcome so far: ', 'zh-CN': '目前的结果：' },
  fallback: { en: 'default', 'zh-CN': '默认' },
  // With one process that can go on there is nothing to choose ("1-1"): 1 or Enter runs it.
  prompt: {
    en: (n: number, d: number) =>
      n === 1
        ? 'press 1 or Enter · r = run to the end · u = undo > '
        : `choose 1-${n} or a name · Enter = ${d} · r = run to the end · u = undo > `,
    'zh-CN': (n: number, d: number) =>
      n === 1
        ? '按 1 或回车 · r = 运行到结束 · u = 撤销上一步 > '
        : `输入 1-${n} 或进程名 · 回车 = ${d} · r = 运行到结束 · u = 撤销上一步 > `,
  },
  unknown: {
    en: (a: string) => `"${a}" is not one of the runnable processes`,
    'zh-CN': (a: string) => `“${a}”不是可以继续的进程`,
  },
  nothingToUndo: { en: 'nothing to undo yet', 'zh-CN': '还没有可以撤销的步骤' },
} as const;

export class StepPrompt {
  readonly #lines: string[] = [];
  readonly #rl: ReturnType<typeof createInterface>;
  #waiting: ((line: string | null) => void) | null = null;
  #closed = false;
  /** `r` or the end of input: every later step takes the default. */
  #toTheEnd = false;

  constructor(
    input: NodeJS.ReadableStream,
    private readonly tty: boolean,
    private readonly write: (text: string) => void,
    private readonly lang: Lang,
  ) {
    const rl = (this.#rl = createInterface({ input, terminal: false }));
    rl.on('line', (line) => this.#push(line));
    rl.on('close', () => {
      this.#closed = true;
      this.#waiting?.(null);
    });
  }

  /** Asks for decision `choice`; `outcome` is the outcome so far, in words (or nothing). */
  async ask(choice: StepChoice, outcome?: string): Promise<StepAnswer> {
    const fallbackAt = choice.runnable.findIndex((r) => r.proc === choice.fallback);
    if (this.#toTheEnd) return { proc: choice.fallback };
    this.write(this.#menu(choice, fallbackAt, outcome));
    for (;;) {
      // Without a terminal the prompt ends its line: a program reading the output sees it whole.
      const prompt = TEXT.prompt[this.lang](choice.runnable.length, fallbackAt + 1);
      this.write(this.tty ? prompt : `${prompt}\n`);
      const line = await this.#next();
      if (line === null) {
        this.#toTheEnd = true;
        return { proc: choice.fallback };
      }
      if (!this.tty) this.write(`${line}\n`);
      const answer = line.trim();
      if (answer === '') return { proc: choice.fallback };
      if (answer === 'r') {
        this.#toTheEnd = true;
        return { proc: choice.fallback };
      }
      if (answer === 'u') {
        if (choice.step > 1) return { undo: true };
        this.write(`  ${TEXT.nothingToUndo[this.lang]}\n`);
        continue;
      }
      const proc = pick(choice, answer);
      if (proc !== null) return { proc };
      this.write(`  ${TEXT.unknown[this.lang](answer)}\n`);
    }
  }

  /** Stops reading the input (the run is over). */
  close(): void {
    this.#rl.close();
  }

  #menu(choice: StepChoice, fallbackAt: number, outcome?: string): string {
    const t = (k: keyof typeof TEXT) => (TEXT[k] as Record<Lang, string>)[this.lang];
    const shown = (name: string) => plainText(processNameIn(name, this.lang));
    // Columns, not characters: a Chinese name (主进程) is twice as wide as it is long.
    const width = Math.max(...choice.runnable.map((r) => displayWidth(shown(r.name))), 8);
    const lines = [`\n${t('step')} ${choice.step}${t('stepTail')}`];
    if (outcome) lines[0] += `   ${t('soFar')}${outcome}`;
    lines.push(`  ${t('runnable')}`);
    choice.runnable.forEach((r, i) => {
      const mark = i === fallbackAt ? `   ← ${t('fallback')}` : '';
      const name = fit(shown(r.name), width, true);
      lines.push(
        `   ${String(i + 1).padStart(2)}  ${name}  ${plainText(textIn(r.op, this.lang))}${mark}`,
      );
    });
    if (choice.blocked.length > 0) {
      lines.push(`  ${t('blocked')}`);
      for (const b of choice.blocked)
        lines.push(`       ${plainText(textIn(b.reason, this.lang))}`);
    }
    return lines.join('\n') + '\n';
  }

  #push(line: string): void {
    if (this.#waiting) {
      const w = this.#waiting;
      this.#waiting = null;
      w(line);
    } else this.#lines.push(line);
  }

  #next(): Promise<string | null> {
    const line = this.#lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (this.#closed) return Promise.resolve(null);
    return new Promise((resolve) => (this.#waiting = resolve));
  }
}

/**
 * The process an answer names: its number in the list, or its name (any case, spaces optional;
 * Python's default names in English or Chinese: Process-2 or 进程2).
 */
function pick(choice: StepChoice, answer: string): number | null {
  if (/^\d+$/.test(answer)) {
    const r = choice.runnable[Number(answer) - 1];
    return r ? r.proc : null;
  }
  const norm = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');
  const r = choice.runnable.find(
    (x) => norm(x.name) === norm(answer) || norm(processNameIn(x.name, 'zh-CN')) === norm(answer),
  );
  return r ? r.proc : null;
}
