/** Command-line parsing for `concurrency-labs` (dist/cli.js). Never exits; returns a command or an error. */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { isBuiltinLab } from '../labs/info/builtinLabs';
import { isLabFileName, LAB_FILE_SUFFIXES } from '../labs/info/labFile';
import { SCHEDULE_NAMES, type ScheduleName } from '../protocol/host';
import { RUN_BOUNDS, settingError, type BoundedSetting } from '../protocol/runBounds';
import { EXPLORE_USAGE, parseExplore, type ExploreOptions } from './exploreArgs';

export type Lang = 'en' | 'zh-CN';

export interface RunOptions {
  /** A built-in lab id, or an absolute path to a lab file. */
  lab: string;
  seed: number;
  /** True when the user gave --seed (otherwise we picked one and say so). */
  seedGiven: boolean;
  speed: number;
  timeoutSec: number;
  /** Memory bound of one lab process, MB. */
  maxMemoryMB: number;
  eventsFile?: string;
  htmlFile?: string;
  lang: Lang;
  /** True when the user gave --lang (otherwise it came from LANG, or a replayed recording). */
  langGiven?: boolean;
  live: boolean;
  /** Who decides what proceeds (default realtime). */
  schedule: ScheduleName;
  /** A controlled run's recording to replay first (its lab and seed unless given). */
  replayFile?: string;
  /** Replay only this many decisions, then `schedule` decides. */
  until?: number;
  /** A Python script's interpreter (--python, else CONCURRENCY_LABS_PYTHON). */
  python?: string;
  /** The replayed recording is an exploration's run: its sleeps' grain (replayFile.ts). */
  timerGrainUs?: number;
}

export type Command =
  | { cmd: 'run'; opts: RunOptions }
  | { cmd: 'explore'; opts: ExploreOptions }
  | { cmd: 'list'; lang: Lang }
  | { cmd: 'show'; lab: string; pathOnly: boolean }
  | { cmd: 'help' };

export type Parsed = { ok: true; command: Command } | { ok: false; error: string };

export const USAGE = `Usage:
  node dist/cli.js run <lab-id | path/to/file.lab.mjs | path/to/script.py> [options]
  node dist/cli.js explore <lab-id | path/to/file.lab.mjs | path/to/script.py> [options]
  node dist/cli.js list
  node dist/cli.js show <lab-id> [--path]   a built-in lab's code (--path: only its file)
  node dist/cli.js help

Options for run:
  --seed N          seed for every process's random numbers (default: random, printed)
  --speed X         time factor, 0.01 to 1000; 10 makes a 1 s sleep take 0.1 s (default 1)
  --timeout S       stop the run after S seconds of wall time, 1 to 86400 (default 120)
  --max-memory MB   memory bound of each lab process, 64 to 16384 (default 512)
  --events FILE     write the event log as JSONL
  --html FILE       write a self-contained HTML timeline of the run
  --lang en|zh-CN   language of names and text (default: from LANG, else en)
  --no-live         do not print the live timeline, only the summary
  --schedule MODE   realtime (default), or a controlled schedule with virtual time:
                    fifo, random (from the seed) or step (you choose each step)
  --replay FILE     re-run the controlled run recorded in FILE (an --events log)
  --until N         with --replay: replay N steps, then --schedule decides (fork from here)
  --python CMD      the interpreter for a .py script (default: CONCURRENCY_LABS_PYTHON, else
                    python3, else python)

${EXPLORE_USAGE}`;

const MAX_SEED = 2 ** 32 - 1;

/** The numeric flags and the run setting each sets (its bounds live in protocol/runBounds.ts). */
const NUMERIC_FLAGS: Record<string, BoundedSetting> = {
  '--speed': 'speed',
  '--timeout': 'timeoutSec',
  '--max-memory': 'maxMemoryMB',
};

export function parseArgs(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): Parsed {
  const [cmd, ...rest] = argv;
  const lang = defaultLang(env);
  if (cmd === undefined || cmd === 'help' || cmd === '--help' || cmd === '-h')
    return { ok: true, command: { cmd: 'help' } };
  if (cmd === 'list') {
    const o = readOptions(rest, lang);
    return 'error' in o ? o.error : { ok: true, command: { cmd: 'list', lang: o.lang } };
  }
  if (cmd === 'explore') return parseExplore(rest, lang, cwd, env);
  if (cmd === 'show') return showCommand(rest);
  if (cmd !== 'run') return fail(`unknown command "${cmd}"`);
  const o = readOptions(rest, lang);
  if ('error' in o) return o.error;
  if (o.positional.length === 0 && !o.replay) return fail('run needs a lab id or a lab file');
  if (o.until !== undefined && !o.replay) return fail('--until needs --replay');
  if (o.positional.length === 0) return runOptions(o, '', cwd, env);
  if (o.positional.length > 1) return fail(`unexpected argument "${o.positional[1]}"`);
  const lab = resolveLab(o.positional[0], cwd);
  if (!lab.ok) return lab;
  return runOptions(o, lab.lab, cwd, env);
}

function showCommand(rest: readonly string[]): Parsed {
  const pathOnly = rest.includes('--path');
  const other = rest.filter((a) => a !== '--path');
  if (other.length !== 1 || other[0].startsWith('-'))
    return fail('show needs one built-in lab id (see: node dist/cli.js list)');
  if (!isBuiltinLab(other[0]))
    return fail(`unknown lab "${other[0]}" (see: node dist/cli.js list)`);
  return { ok: true, command: { cmd: 'show', lab: other[0], pathOnly } };
}

function runOptions(o: RawOptions, lab: string, cwd: string, env: NodeJS.ProcessEnv): Parsed {
  const seedGiven = o.seed !== undefined;
  return {
    ok: true,
    command: {
      cmd: 'run',
      opts: {
        lab,
        seed: o.seed ?? Math.floor(Math.random() * 1_000_000),
        seedGiven,
        speed: o.speed ?? 1,
        // A person choosing each step may take long: only a given --timeout bounds step mode.
        timeoutSec:
          o.timeout ??
          (o.schedule === 'step' ? RUN_BOUNDS.timeoutSec.max : RUN_BOUNDS.timeoutSec.fallback),
        maxMemoryMB: o.maxMemoryMB ?? RUN_BOUNDS.maxMemoryMB.fallback,
        eventsFile: o.events && resolve(cwd, o.events),
        htmlFile: o.html && resolve(cwd, o.html),
        lang: o.lang,
        langGiven: o.langGiven,
        live: o.live,
        schedule: o.schedule ?? 'realtime',
        replayFile: o.replay && resolve(cwd, o.replay),
        until: o.until,
        python: o.python ?? (env.CONCURRENCY_LABS_PYTHON || undefined),
      },
    },
  };
}

interface RawOptions {
  positional: string[];
  lang: Lang;
  langGiven?: boolean;
  live: boolean;
  seed?: number;
  speed?: number;
  timeout?: number;
  maxMemoryMB?: number;
  events?: string;
  html?: string;
  schedule?: ScheduleName;
  replay?: string;
  until?: number;
  python?: string;
}

function readOptions(
  args: readonly string[],
  lang: Lang,
): RawOptions | { error: Parsed & { ok: false } } {
  const o: RawOptions = { positional: [], lang, live: true };
  for (let i = 0; i < args.length; i++) {
    let arg = args[i];
    if (!arg.startsWith('--')) {
      o.positional.push(arg);
      continue;
    }
    let value: string | undefined;
    const eq = arg.indexOf('=');
    if (eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    if (arg === '--no-live') {
      o.live = false;
      continue;
    }
    const known = [
      '--seed',
      '--speed',
      '--timeout',
      '--max-memory',
      '--events',
      '--html',
      '--lang',
      '--schedule',
      '--replay',
      '--until',
      '--python',
    ];
    if (!known.includes(arg)) return { error: fail(`unknown option ${arg}`) };
    if (value === undefined) {
      value = args[++i];
      if (value === undefined) return { error: fail(`${arg} needs a value`) };
    }
    switch (arg) {
      case '--seed': {
        if (!/^\d+$/.test(value) || Number(value) > MAX_SEED)
          return {
            error: fail(`--seed must be a whole number from 0 to ${MAX_SEED}, not "${value}"`),
          };
        o.seed = Number(value);
        break;
      }
      case '--speed':
      case '--timeout':
      case '--max-memory': {
        const setting = NUMERIC_FLAGS[arg];
        const n = value.trim() === '' ? NaN : Number(value);
        const wrong = settingError(setting, n);
        if (wrong) return { error: fail(`${arg} ${wrong}, not "${value}"`) };
        if (arg === '--speed') o.speed = n;
        else if (arg === '--timeout') o.timeout = n;
        else o.maxMemoryMB = n;
        break;
      }
      case '--schedule':
        if (!(SCHEDULE_NAMES as readonly string[]).includes(value))
          return {
            error: fail(
              `--schedule must be ${SCHEDULE_NAMES.slice(0, -1).join(', ')} or ${SCHEDULE_NAMES.at(-1)}, not "${value}"`,
            ),
          };
        o.schedule = value as ScheduleName;
        break;
      case '--replay':
        o.replay = value;
        break;
      case '--until':
        if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value)))
          return { error: fail(`--until must be a whole number of steps, not "${value}"`) };
        o.until = Number(value);
        break;
      case '--python':
        o.python = value;
        break;
      case '--events':
        o.events = value;
        break;
      case '--html':
        o.html = value;
        break;
      case '--lang':
        if (value !== 'en' && value !== 'zh-CN')
          return { error: fail(`--lang must be en or zh-CN, not "${value}"`) };
        o.lang = value;
        o.langGiven = true;
        break;
    }
  }
  return o;
}

/** A lab id, or a path to a lab file that must exist. */
export function resolveLab(
  arg: string,
  cwd: string,
): { ok: true; lab: string } | { ok: false; error: string } {
  if (isBuiltinLab(arg)) return { ok: true, lab: arg };
  const looksLikePath = /[\\/]/.test(arg) || /\.((m|c)?js|py)$/.test(arg);
  if (!looksLikePath) return fail(`unknown lab "${arg}" (see: node dist/cli.js list)`);
  const path = resolve(cwd, arg);
  if (path.endsWith('.py')) {
    if (!existsSync(path)) return fail(`script not found: ${arg}`);
    if (!statSync(path).isFile()) return fail(`not a file: ${arg}`);
    return { ok: true, lab: path };
  }
  if (!isLabFileName(path))
    return fail(`a lab file's name ends in ${LAB_FILE_SUFFIXES.join(', ')} or .py: ${arg}`);
  if (!existsSync(path)) return fail(`lab file not found: ${arg}`);
  if (!statSync(path).isFile()) return fail(`not a file: ${arg}`);
  return { ok: true, lab: path };
}

function defaultLang(env: NodeJS.ProcessEnv): Lang {
  const l = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh/i.test(l) ? 'zh-CN' : 'en';
}

export function fail(error: string): { ok: false; error: string } {
  return { ok: false, error };
}
