/**
 * `node dist/cli.js help`, and what follows a usage error: the commands and their options, each
 * option's words a sentence of the catalogue (cliText.ts), wrapped to fit in either language.
 */
import { RUN_BOUNDS } from '../protocol/runBounds';
import type { Lang } from './args';
import { l10n, type Blank } from './cliText';
import { DEFAULT_EXPLORE_RUNS } from './exploreArgs';
import { displayWidth, wrap } from './style';

/** An option (or a command line) and what it does: a catalogue sentence and its blanks. */
type Entry = readonly [syntax: string, words?: string, ...blanks: Blank[]];

/** The command lines; `{0}` is what names a lab, `{1}` the options, `{2}` a lab id. */
const COMMANDS: readonly Entry[] = [
  ['node dist/cli.js run {0} {1}'],
  ['node dist/cli.js explore {0} {1}'],
  ['node dist/cli.js list'],
  ['node dist/cli.js show {2} [--path]', "a built-in lab's code (--path: only its file)"],
  ['node dist/cli.js help'],
];

/** The blanks of the command lines, in `lang`. */
function commandBlanks(lang: Lang): string[] {
  return [
    l10n(lang, '<lab-id | path/to/file.lab.mjs | path/to/script.py>'),
    l10n(lang, '[options]'),
    l10n(lang, '<lab-id>'),
  ];
}

const { speed, timeoutSec, maxMemoryMB } = RUN_BOUNDS;

const RUN_OPTIONS: readonly Entry[] = [
  ['--seed N', "seed for every process's random numbers (default: random, printed)"],
  [
    '--speed X',
    'time factor, {0} to {1}; 10 makes a 1 s sleep take 0.1 s (default {2})',
    speed.min,
    speed.max,
    speed.fallback,
  ],
  [
    '--timeout S',
    'stop the run after S seconds of wall time, {0} to {1} (default {2})',
    timeoutSec.min,
    timeoutSec.max,
    timeoutSec.fallback,
  ],
  [
    '--max-memory MB',
    'memory bound of each lab process, {0} to {1} (default {2})',
    maxMemoryMB.min,
    maxMemoryMB.max,
    maxMemoryMB.fallback,
  ],
  ['--events FILE', 'write the event log as JSONL'],
  ['--html FILE', 'write a self-contained HTML timeline of the run'],
  ['--lang en|zh-CN', 'language of names and text (default: from LANG, else en)'],
  ['--no-live', 'do not print the live timeline, only the summary'],
  [
    '--schedule MODE',
    'realtime (default), or a controlled schedule with virtual time: fifo, random (from the seed) or step (you choose each step)',
  ],
  ['--replay FILE', 're-run the controlled run recorded in FILE (an --events log)'],
  ['--until N', 'with --replay: replay N steps, then --schedule decides (fork from here)'],
  [
    '--python CMD',
    'the interpreter for a .py script (default: CONCURRENCY_LABS_PYTHON, else python3, else python)',
  ],
];

const EXPLORE_OPTIONS: readonly Entry[] = [
  [
    '--strategy S',
    'random (default), pct[:D] (PCT with depth D, default 2), or dfs (every schedule with at most --bound preemptions)',
  ],
  ['--runs N', 'at most N runs (default {0})', DEFAULT_EXPLORE_RUNS],
  ['--bound K', 'dfs: at most K preemptions per schedule (default 1)'],
  ['--seed N', "seed of the lab's random numbers and of random and pct (default: random)"],
  ['--all', 'go on after the first failure and report every outcome'],
  ['--out FILE', 'write the shrunk failing run as a .labrun (open it with run --replay)'],
  ['--json', 'print one JSON object instead of text'],
  ['--no-reuse', 'boot fresh lab processes for every run (slower; to compare)'],
  [
    '--jobs N',
    'make N runs at once (default 1; dfs makes one at a time); the results are taken in run order, so the exploration is the same whichever ends first',
  ],
  [
    '--python CMD',
    'the interpreter for a .py script or a Python lab (default: CONCURRENCY_LABS_PYTHON, else python3, else python)',
  ],
  ['--lang en|zh-CN', 'language of the text'],
];

/** Columns of a usage line: wide enough for any terminal the CLI's output is read in. */
const WIDTH = 98;
/** Where an option's words begin. */
const WORDS_AT = 20;

function lines(lang: Lang, entries: readonly Entry[], syntaxBlanks: string[] = []): string[] {
  const out: string[] = [];
  for (const [syntax, words, ...blanks] of entries) {
    const head = `  ${syntax.replace(/\{(\d)\}/g, (_, i: string) => syntaxBlanks[Number(i)])}`;
    if (!words) {
      out.push(head);
      continue;
    }
    const text = l10n(lang, words, ...blanks);
    // A long command line takes its words after three spaces; an option, in the words column.
    const at = Math.max(WORDS_AT, displayWidth(head) + 3);
    const [first = '', ...rest] = wrap(text, WIDTH - at);
    out.push(`${head.padEnd(at)}${first}`);
    for (const line of rest) out.push(`${' '.repeat(at)}${line}`);
  }
  return out;
}

/** The whole usage, in `lang`. */
export function usage(lang: Lang): string {
  return [
    l10n(lang, 'Usage:'),
    ...lines(lang, COMMANDS, commandBlanks(lang)),
    '',
    l10n(lang, 'Options for run:'),
    ...lines(lang, RUN_OPTIONS),
    '',
    l10n(lang, 'Options for explore (runs the lab under many controlled schedules):'),
    ...lines(lang, EXPLORE_OPTIONS),
    l10n(
      lang,
      "Exit code: 1 when a run failed the lab's check, 0 when none did, 2 on a usage error.",
    ),
  ].join('\n');
}

/** Every sentence the usage says, for the test that each has its Chinese in the catalogue. */
export const USAGE_SENTENCES: readonly string[] = [
  'Usage:',
  'Options for run:',
  'Options for explore (runs the lab under many controlled schedules):',
  "Exit code: 1 when a run failed the lab's check, 0 when none did, 2 on a usage error.",
  ...commandBlanks('en'),
  ...[...COMMANDS, ...RUN_OPTIONS, ...EXPLORE_OPTIONS].flatMap(([, words]) =>
    words ? [words] : [],
  ),
];
