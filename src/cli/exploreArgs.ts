/** The options of `explore`: which lab, which strategy, how many runs, where the failure goes. */
import { resolve } from 'node:path';
import { EXPLORE_STRATEGIES, MAX_EXPLORE_JOBS, type ExploreStrategy } from '../protocol/explore';
import type { Localized } from '../protocol/events';
import { fail, resolveLab, type Lang, type Parsed } from './args';
import { said } from './cliText';

export interface ExploreOptions {
  lab: string;
  strategy: ExploreStrategy;
  /** PCT's depth. */
  depth: number;
  runs: number;
  /** dfs: most preemptions. */
  bound: number;
  seed: number;
  seedGiven: boolean;
  all: boolean;
  outFile?: string;
  json: boolean;
  lang: Lang;
  /** True when the user gave --lang (otherwise it came from LANG). */
  langGiven?: boolean;
  /** false: boot fresh lab processes for every run (slower; to compare). */
  reuse: boolean;
  /** Runs made at once (undefined: the runner's default). */
  jobs?: number;
  /** A Python script's interpreter (--python, else CONCURRENCY_LABS_PYTHON). */
  python?: string;
}

/** How many runs explore makes at most when --runs is not given. */
export const DEFAULT_EXPLORE_RUNS = 1000;

const MAX_SEED = 2 ** 32 - 1;
const RANGES: Record<string, [number, number]> = {
  '--runs': [1, 10_000_000],
  '--bound': [0, 20],
  '--jobs': [1, MAX_EXPLORE_JOBS],
  '--seed': [0, MAX_SEED],
};
const VALUED = [
  '--strategy',
  '--runs',
  '--bound',
  '--seed',
  '--out',
  '--lang',
  '--jobs',
  '--python',
];
const FLAGS = ['--all', '--json', '--no-reuse'];

function wholeNumber(
  arg: string | Localized,
  value: string,
  min: number,
  max: number,
): number | Localized {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max)
    return said('{0} must be a whole number from {1} to {2}, not "{3}"', arg, min, max, value);
  return n;
}

export function parseExplore(
  args: readonly string[],
  lang: Lang,
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Parsed {
  const o: ExploreOptions = {
    lab: '',
    strategy: 'random',
    depth: 2,
    runs: DEFAULT_EXPLORE_RUNS,
    bound: 1,
    seed: Math.floor(Math.random() * 1_000_000),
    seedGiven: false,
    all: false,
    json: false,
    lang,
    reuse: true,
    python: env.CONCURRENCY_LABS_PYTHON || undefined,
  };
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    let arg = args[i];
    let value: string | undefined;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    if (eq > 0) [arg, value] = [arg.slice(0, eq), arg.slice(eq + 1)];
    if (FLAGS.includes(arg) && value === undefined) {
      if (arg === '--all') o.all = true;
      else if (arg === '--json') o.json = true;
      else o.reuse = false;
      continue;
    }
    if (!VALUED.includes(arg)) return fail('unknown option {0} for explore', arg);
    value ??= args[++i];
    if (value === undefined) return fail('{0} needs a value', arg);
    const wrong = applyValue(o, arg, value, cwd);
    if (wrong) return { ok: false, error: wrong };
  }
  if (positional.length === 0) return fail('explore needs a lab id or a lab file');
  if (positional.length > 1) return fail('unexpected argument "{0}"', positional[1]);
  const lab = resolveLab(positional[0], cwd);
  if (!lab.ok) return lab;
  return { ok: true, command: { cmd: 'explore', opts: { ...o, lab: lab.lab } } };
}

/** Sets option `arg` to `value`; the reason when it cannot. */
function applyValue(o: ExploreOptions, arg: string, value: string, cwd: string): Localized | null {
  switch (arg) {
    case '--strategy': {
      const [name, depth, more] = value.split(':');
      if (!(EXPLORE_STRATEGIES as readonly string[]).includes(name) || more !== undefined)
        return said('--strategy must be random, pct, pct:D or dfs, not "{0}"', value);
      if (depth !== undefined && name !== 'pct')
        return said('only pct takes a depth, not "{0}"', value);
      o.strategy = name as ExploreStrategy;
      if (depth === undefined) return null;
      const d = wholeNumber(said('the depth of pct'), depth, 1, 20);
      if (typeof d !== 'number') return d;
      o.depth = d;
      return null;
    }
    case '--runs':
    case '--bound':
    case '--jobs':
    case '--seed': {
      const [min, max] = RANGES[arg];
      const n = wholeNumber(arg, value, min, max);
      if (typeof n !== 'number') return n;
      if (arg === '--runs') o.runs = n;
      else if (arg === '--bound') o.bound = n;
      else if (arg === '--jobs') o.jobs = n;
      else [o.seed, o.seedGiven] = [n, true];
      return null;
    }
    case '--out':
      if (!value.endsWith('.labrun')) return said('--out names a .labrun file, not "{0}"', value);
      o.outFile = resolve(cwd, value);
      return null;
    case '--python':
      o.python = value;
      return null;
    default:
      if (value !== 'en' && value !== 'zh-CN')
        return said('--lang must be en or zh-CN, not "{0}"', value);
      o.lang = value;
      o.langGiven = true;
      return null;
  }
}
