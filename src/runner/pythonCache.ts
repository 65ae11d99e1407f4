/**
 * Where a run's Python processes keep the runtime's compiled modules (python/sitecustomize.py):
 * a folder of the user's own, so that the runtime is compiled once per interpreter instead of at
 * every start of every process, and nothing is written beside its sources (the extension's
 * folder). Compiled modules are code: a folder another user could write to would let them run
 * code in every Python process of ours, so such a folder is not used (the runtime is then
 * compiled at each start, as without a cache).
 */
import { lstatSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/** The variable that names the folder: set by the runner for the Python processes of a run. */
export const PY_CACHE_ENV = 'CONCURRENCY_LABS_PY_CACHE';

let checked: { dir: string | undefined; usable: string | null } | null = null;

/**
 * The folder for the runtime's compiled modules, made if need be, or null when there is none
 * that only this user can write to. `CONCURRENCY_LABS_PY_CACHE` in the runner's environment
 * chooses another folder (checked the same way).
 */
export function pythonCacheDir(env: NodeJS.ProcessEnv = process.env): string | null {
  const dir = env[PY_CACHE_ENV] || defaultDir(env);
  if (checked === null || checked.dir !== dir)
    checked = { dir, usable: dir ? privateDir(dir) : null };
  return checked.usable;
}

/** The user's cache folder (XDG_CACHE_HOME, else ~/.cache; LOCALAPPDATA on Windows). */
function defaultDir(env: NodeJS.ProcessEnv): string | undefined {
  const xdg = env.XDG_CACHE_HOME;
  const base =
    xdg && isAbsolute(xdg)
      ? xdg
      : process.platform === 'win32'
        ? env.LOCALAPPDATA
        : join(homedir(), '.cache');
  return base ? join(base, 'concurrency-labs', 'python') : undefined;
}

/** `dir`, made if missing, when it is a real folder of this user's that no one else can write. */
function privateDir(dir: string): string | null {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = lstatSync(dir);
    if (!stat.isDirectory()) return null;
    if (process.platform === 'win32') return dir; // a per-user folder; no mode bits to check
    const mine = stat.uid === process.getuid?.();
    return mine && (stat.mode & 0o022) === 0 ? dir : null;
  } catch {
    return null;
  }
}
