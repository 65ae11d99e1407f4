/**
 * Reads a controlled run's recording (`--events` JSONL) as a schedule for `--replay`: the lab,
 * seed and speed its run.start names, and its decisions (`sched.step`), in order.
 */
import { readFileSync } from 'node:fs';
import { isBuiltinLab } from '../labs/info/builtinLabs';
import type { ReplayStep } from '../protocol/host';
import { EXPLORE_TIMER_GRAIN_US } from '../protocol/explore';
import type { RunOptions } from './args';
import { readLogText } from '../model/abruptEnd';
import { recordedLang } from '../model/scheduleSteps';
import type { Localized } from '../protocol/events';
import { fileProblem, said } from './cliText';

export interface RecordedSchedule {
  lab: string;
  seed: number;
  speed: number;
  steps: ReplayStep[];
  /** An exploration's run: sleeps ending this close together end together. */
  timerGrainUs?: number;
  /**
   * The language it ran in (run.start's `lang`; an older log's names tell): a lab names its
   * processes and objects in the run's language, and each step of the recording names them, so
   * it replays in that one unless --lang says otherwise.
   */
  lang: RunOptions['lang'];
}

export function readSchedule(file: string): RecordedSchedule | { error: Localized } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      return { error: said('the recording {0} does not exist', file) };
    return { error: said('cannot read {0}: {1}', file, fileProblem(err)) };
  }
  // A line cut off at the end (a killed runner) is left out; any other bad line refuses the
  // file, as opening it in VS Code does: a schedule read up to a damaged line would "diverge".
  const log = readLogText(text);
  if (log.errors.length) {
    const { line, error } = log.errors[0];
    return { error: said('{0} is not a valid recording: line {1}: {2}', file, line, error) };
  }
  const start = log.events.find((e) => e.kind === 'run.start');
  if (!start || start.kind !== 'run.start')
    return { error: said("{0} has no run.start: not a run's log", file) };
  if (!start.schedule)
    return {
      error: said(
        '{0} is a realtime run: only a controlled run (--schedule) can be replayed',
        file,
      ),
    };
  const steps: ReplayStep[] = [];
  for (const e of log.events) {
    if (e.kind !== 'sched.step') continue;
    if (e.step !== steps.length + 1)
      return {
        error: said('{0}: step {1} where {2} was expected', file, e.step, steps.length + 1),
      };
    steps.push({ chosen: e.chosen, runnable: e.runnable, ops: e.ops as string[] });
  }
  const grain = start.schedule === 'explore' ? { timerGrainUs: EXPLORE_TIMER_GRAIN_US } : {};
  const lang = recordedLang(log.events);
  return { lab: start.lab, seed: start.seed, speed: start.speed, steps, lang, ...grain };
}

/**
 * `--replay FILE`: the options of the recorded run (its lab unless one is given, its seed unless
 * --seed is, its speed) and its decisions.
 */
export function applyReplay(
  opts: RunOptions,
):
  { opts: RunOptions; steps: ReplayStep[] | undefined; notice?: Localized } | { error: Localized } {
  if (!opts.replayFile) return { opts, steps: undefined };
  const rec = readSchedule(opts.replayFile);
  if ('error' in rec) return rec;
  let lab = opts.lab;
  if (!lab) {
    if (!isBuiltinLab(rec.lab))
      return {
        error: said('the recording ran the lab file {0}: name it before --replay', rec.lab),
      };
    lab = rec.lab;
  }
  const seed = opts.seedGiven ? opts.seed : rec.seed;
  const grain = rec.timerGrainUs;
  // Without --lang, the recording's language. A --lang that differs wins, and is told that the
  // replay may then stop at the first step that names a process or object (said in that --lang).
  const lang = opts.langGiven ? opts.lang : rec.lang;
  const LANG_NAMES = { en: said('English'), 'zh-CN': said('Chinese') };
  const notice =
    lang === rec.lang
      ? undefined
      : said(
          'the recording was made in {0}: its steps name processes and objects as that run did, so in {1} the replay may stop at the first step that names one',
          LANG_NAMES[rec.lang],
          LANG_NAMES[lang],
        );
  return {
    ...(notice ? { notice } : {}),
    opts: { ...opts, lab, seed, seedGiven: true, speed: rec.speed, timerGrainUs: grain, lang },
    steps: rec.steps,
  };
}
