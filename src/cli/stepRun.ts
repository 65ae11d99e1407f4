/**
 * A controlled run from the terminal. In step mode the person answers each decision
 * (stepPrompt.ts); an undo ends the run and starts it again replaying every step but the last
 * one, then asks that step again: a fork at step − 1. The replayed part is not printed twice.
 */
import { builtinLab } from '../labs/analysis/catalog';
import type { LabEvent } from '../protocol/events';
import { stepsOf } from '../model/scheduleSteps';
import type { ReplayStep } from '../protocol/host';
import type { RunOptions } from './args';
import { runLab, type RunEnd, type StreamHandlers } from './runLab';
import { StepPrompt } from './stepPrompt';

export type FinalEnd = Exclude<RunEnd, { kind: 'undo' }>;

/**
 * A built-in lab's outcome over the log so far in its words (the banner's: "1 ticket, 0 sold"),
 * and the torn reads when it does not count them itself (as "1 crashed on a torn read"), in one
 * line.
 */
function outcomeSoFar(
  lab: string,
  events: readonly LabEvent[],
  lang: RunOptions['lang'],
): string | undefined {
  const torn = events.filter((e) => e.kind === 'file.read' && e.error !== undefined).length;
  let text: string | undefined;
  let counted = false;
  try {
    const known = builtinLab(lab);
    const outcome = known?.outcome(events);
    if (known && outcome !== undefined) text = known.describe(outcome)[lang];
    const crashed = (outcome as { crashed?: unknown } | null | undefined)?.crashed;
    counted = crashed === true || (typeof crashed === 'number' && crashed > 0);
  } catch {
    // A lab's outcome may need the whole run; then there is none to show yet.
  }
  const tornText = lang === 'zh-CN' ? `读到半写文件：${torn} 次` : `torn reads: ${torn}`;
  if (torn > 0 && !counted) text = text ? `${text} · ${tornText}` : tornText;
  return text;
}

export async function runScheduled(
  given: RunOptions,
  replay: ReplayStep[] | undefined,
  h: StreamHandlers,
  say: (line: string) => void,
): Promise<FinalEnd> {
  if (given.schedule !== 'step') return (await runLab(given, h, replay)) as FinalEnd;
  const stdin = process.stdin;
  const prompt = new StepPrompt(
    stdin,
    stdin.isTTY === true,
    (text) => process.stdout.write(text),
    given.lang,
  );
  let opts = given;
  let steps = replay;
  let quiet = false;
  try {
    for (;;) {
      const seen: LabEvent[] = [];
      const end = await runLab(
        opts,
        {
          ...h,
          onEvent: (e) => {
            seen.push(e);
            if (!quiet) h.onEvent(e);
          },
          onChoose: (choice) => {
            quiet = false;
            return prompt.ask(choice, outcomeSoFar(opts.lab, seen, opts.lang));
          },
        },
        steps,
      );
      if (end.kind !== 'undo') return end;
      const keep = end.step - 2;
      steps = stepsOf(end.events).slice(0, keep);
      opts = { ...opts, until: keep };
      quiet = true;
      say(undoLine(end.step - 1, opts.lang));
    }
  } finally {
    prompt.close();
  }
}

/** What undoing step `step` does: replay the steps before it (none when it is the first), then ask again. */
export function undoLine(step: number, lang: RunOptions['lang']): string {
  const keep = step - 1;
  if (lang === 'zh-CN')
    return keep === 0
      ? `\n↶ 撤销第 1 步：从头开始，再从第 1 步选择`
      : `\n↶ 撤销第 ${step} 步：重放前 ${keep} 步，再从第 ${step} 步选择`;
  if (keep === 0) return `\n↶ undo step 1: starting over, then step 1 again`;
  // One step to replay is "step 1", not the range "steps 1–1".
  const replayed = keep === 1 ? 'step 1' : `steps 1–${keep}`;
  return `\n↶ undo step ${step}: replaying ${replayed}, then step ${step} again`;
}
