/** The options of `explore`: which lab, which strategy, how many runs, where the failure goes. */
import { resolve } from 'node:path';
import { EXPLORE_STRATEGIES, MAX_EXPLORE_JOBS, type ExploreStrategy } from '../protocol/explore';
import { fail, resolveLab, type Lang, type Parsed } from './args';

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
  /** false: boot fresh lab processes for every run (slower; to compare). */
  reuse: boolean;
  /** Runs made at once (undefined: the runner's default). */
  jobs?: number;
  /** A Python script's interpreter (--python, else CONCURRENCY_LABS_PYTHON). */
  python?: string;
}

/** How many runs explore makes at most when --runs is not given. */
export const DEFAULT_EXPLORE_RUNS = 1000;

export const EXPLORE_USAGE = `Options for explore (runs the lab under many controlled schedules):
  --strategy S      random (default), pct[:D] (PCT with depth D, default 2), or dfs
                    (every schedule with at most --bound preemptions)
  --runs N          at most N runs (default ${DEFAULT_EXPLORE_RUNS})
  --bound K         dfs: at most K preemptions per schedule (default 1)
  --seed N          seed of the lab's random numbers and of random and pct (default: random)
  --all             go on after the first failure and report every outcome
  --out FILE        write the shrunk failing run as a .labrun (open it with run --replay)
  --json            print one JSON object instead of text
  --no-reuse        boot fresh lab processes for every run (slower; to compare)
  --jobs N          make N runs at once (default 1; dfs makes one at a time); the results are
                    taken in run order, so the exploration is the same whichever ends first
  --python CMD      the interpreter for a .py script or a Python lab (default:
                    CONCURRENCY_LABS_PYTHON, else python3, else python)
  --lang en|zh-CN   language of the text
Exit code: 1 when a run failed the lab's check, 0 when none did, 2 on a usage error.`;

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

function wholeNumber(arg: string, value: string, min: number, max: number): number | string {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max)
    return `${arg} must be a whole number from ${min} to ${max}, not "${value}"`;
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
    if (!VALUED.includes(arg)) return fail(`unknown option ${arg} for explore`);
    value ??= args[++i];
    if (value === undefined) return fail(`${arg} needs a value`);
    const wrong = applyValue(o, arg, value, cwd);
    if (wrong) return fail(wrong);
  }
  if (positional.length === 0) return fail('explore needs a lab id or a lab file');
  if (positional.length > 1) return fail(`unexpected argument "${positional[1]}"`);
  const lab = resolveLab(positional[0], cwd);
  if (!lab.ok) return lab;
  return { ok: true, command: { cmd: 'explore', opts: { ...o, lab: lab.lab } } };
}

/** Sets option `arg` to `value`; the reason when it cannot. */
function applyValue(o: ExploreOptions, arg: string, value: string, cwd: string): string | null {
  switch (arg) {
    case '--strategy': {
      const [name, depth, more] = value.split(':');
      if (!(EXPLORE_STRATEGIES as readonly string[]).includes(name) || more !== undefined)
        return `--strategy must be random, pct, pct:D or dfs, not "${value}"`;
      if (depth !== undefined && name !== 'pct') return `only pct takes a depth, not "${value}"`;
      o.strategy = name as ExploreStrategy;
      if (depth === undefined) return null;
      const d = wholeNumber('the depth of pct', depth, 1, 20);
      if (typeof d === 'string') return d;
      o.depth = d;
      return null;
    }
    case '--runs':
    case '--bound':
    case '--jobs':
    case '--seed': {
      const [min, max] = RANGES[arg];
      const n = wholeNumber(arg, value, min, max);
      if (typeof n === 'string') return n;
      if (arg === '--runs') o.runs = n;
      else if (arg === '--bound') o.bound = n;
      else if (arg === '--jobs') o.jobs = n;
      else [o.seed, o.seedGiven] = [n, true];
      return null;
    }
    case '--out':
      if (!value.endsWith('.labrun')) return `--out names a .labrun file, not "${value}"`;
      o.outFile = resolve(cwd, value);
      return null;
    case '--python':
      o.python = value;
      return null;
    default:
      if (value !== 'en' && value !== 'zh-CN') return `--lang must be en or zh-CN, not "${value}"`;
      o.lang = value;
      return null;
  }
}
