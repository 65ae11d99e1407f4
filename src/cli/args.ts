/** Command-line parsing for `concurrency-labs` (dist/cli.js). Never exits; returns a command or an error. */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { isBuiltinLab } from '../labs/info/builtinLabs';
import { isLabFileName, LAB_FILE_SUFFIXES } from '../labs/info/labFile';
import { SCHEDULE_NAMES, type ScheduleName } from '../protocol/host';
import { RUN_BOUNDS, type BoundedSetting } from '../protocol/runBounds';
import { parseExplore, type ExploreOptions } from './exploreArgs';
import { listOf, said, type Blank } from './cliText';
import type { Localized } from '../protocol/events';

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

/** A usage error is said in both languages: the one to show is known once all flags are read. */
export type Parsed = { ok: true; command: Command } | { ok: false; error: Localized };

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
  if (cmd !== 'run') return fail('unknown command "{0}"', cmd);
  const o = readOptions(rest, lang);
  if ('error' in o) return o.error;
  if (o.positional.length === 0 && !o.replay) return fail('run needs a lab id or a lab file');
  if (o.until !== undefined && !o.replay) return fail('--until needs --replay');
  if (o.positional.length === 0) return runOptions(o, '', cwd, env);
  if (o.positional.length > 1) return fail('unexpected argument "{0}"', o.positional[1]);
  const lab = resolveLab(o.positional[0], cwd);
  if (!lab.ok) return lab;
  return runOptions(o, lab.lab, cwd, env);
}

function showCommand(rest: readonly string[]): Parsed {
  const pathOnly = rest.includes('--path');
  // --lang only chooses the language of an error: the code is shown as it is.
  const other = rest.filter(
    (a, i) =>
      a !== '--path' && a !== '--lang' && rest[i - 1] !== '--lang' && !a.startsWith('--lang='),
  );
  if (other.length !== 1 || other[0].startsWith('-'))
    return fail('show needs one built-in lab id (see: node dist/cli.js list)');
  if (!isBuiltinLab(other[0]))
    return fail('unknown lab "{0}" (see: node dist/cli.js list)', other[0]);
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
    if (!known.includes(arg)) return { error: fail('unknown option {0}', arg) };
    if (value === undefined) {
      value = args[++i];
      if (value === undefined) return { error: fail('{0} needs a value', arg) };
    }
    switch (arg) {
      case '--seed': {
        if (!/^\d+$/.test(value) || Number(value) > MAX_SEED)
          return {
            error: fail('--seed must be a whole number from 0 to {0}, not "{1}"', MAX_SEED, value),
          };
        o.seed = Number(value);
        break;
      }
      case '--speed':
      case '--timeout':
      case '--max-memory': {
        const setting = NUMERIC_FLAGS[arg];
        const n = value.trim() === '' ? NaN : Number(value);
        const wrong = outOfBounds(arg, setting, n, value);
        if (wrong) return { error: wrong };
        if (arg === '--speed') o.speed = n;
        else if (arg === '--timeout') o.timeout = n;
        else o.maxMemoryMB = n;
        break;
      }
      case '--schedule':
        if (!(SCHEDULE_NAMES as readonly string[]).includes(value))
          return {
            error: fail('--schedule must be {0}, not "{1}"', listOf(SCHEDULE_NAMES), value),
          };
        o.schedule = value as ScheduleName;
        break;
      case '--replay':
        o.replay = value;
        break;
      case '--until':
        if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value)))
          return { error: fail('--until must be a whole number of steps, not "{0}"', value) };
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
          return { error: fail('--lang must be en or zh-CN, not "{0}"', value) };
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
): { ok: true; lab: string } | { ok: false; error: Localized } {
  if (isBuiltinLab(arg)) return { ok: true, lab: arg };
  const looksLikePath = /[\\/]/.test(arg) || /\.((m|c)?js|py)$/.test(arg);
  if (!looksLikePath) return fail('unknown lab "{0}" (see: node dist/cli.js list)', arg);
  const path = resolve(cwd, arg);
  if (path.endsWith('.py')) {
    if (!existsSync(path)) return fail('the script {0} does not exist', arg);
    if (!statSync(path).isFile()) return fail('{0} is not a file', arg);
    return { ok: true, lab: path };
  }
  if (!isLabFileName(path))
    return fail("a lab file's name ends in {0}: {1}", listOf([...LAB_FILE_SUFFIXES, '.py']), arg);
  if (!existsSync(path)) return fail('the lab file {0} does not exist', arg);
  if (!statSync(path).isFile()) return fail('{0} is not a file', arg);
  return { ok: true, lab: path };
}

/**
 * The language to speak in for a command line, before or without parsing it: the last valid
 * --lang (an error before it is still said in it), else LC_ALL, LC_MESSAGES or LANG.
 */
export function argsLang(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Lang {
  let lang = defaultLang(env);
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i] === '--lang' ? argv[i + 1] : /^--lang=(.*)$/.exec(argv[i])?.[1];
    if (value === 'en' || value === 'zh-CN') lang = value;
  }
  return lang;
}

function defaultLang(env: NodeJS.ProcessEnv): Lang {
  const l = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh/i.test(l) ? 'zh-CN' : 'en';
}

/** A usage error: a sentence of the catalogue (cliText.ts) and its blanks. */
export function fail(message: string, ...blanks: Blank[]): { ok: false; error: Localized } {
  return { ok: false, error: said(message, ...blanks) };
}

/** Why a numeric flag's value is refused, or null: out of its setting's bounds, or no number. */
function outOfBounds(
  arg: string,
  setting: BoundedSetting,
  n: number,
  value: string,
): { ok: false; error: Localized } | null {
  const b = RUN_BOUNDS[setting];
  if (!Number.isFinite(n))
    return fail('{0} must be a number from {1} to {2}, not "{3}"', arg, b.min, b.max, value);
  if (b.integer && !Number.isInteger(n))
    return fail('{0} must be a whole number, not "{1}"', arg, value);
  if (n < b.min || n > b.max)
    return fail('{0} must be from {1} to {2}, not "{3}"', arg, b.min, b.max, value);
  return null;
}
