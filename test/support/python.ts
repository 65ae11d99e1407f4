/** Python scripts in tests: the interpreter, plain runs of a script, and copies in temp folders. */
import { execFile, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from './build';

/** python3 when it is there (the Python tests skip without it). */
export const PYTHON = spawnSync('python3', ['--version']).status === 0 ? 'python3' : null;

/** Absolute path of a script under test/fixtures/python. */
export function pyFixture(name: string): string {
  return join(REPO, 'test', 'fixtures', 'python', name);
}

/** A fresh temp folder; `cleanup` removes every folder made so far. */
const made: string[] = [];
export function tempFolder(prefix = 'cl-py-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
export function cleanup(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Copies fixture `name` into `dir` as `as` (a start method can be named in it). */
export function copyFixture(name: string, dir: string, as = name): string {
  const path = join(dir, as);
  copyFileSync(pyFixture(name), path);
  return path;
}

/** Runs `script` with plain python3 in its folder: its stdout and exit code. */
export function plainPython(script: string, cwd: string): Promise<{ out: string; code: number }> {
  return new Promise((resolve, reject) => {
    execFile(
      PYTHON ?? 'python3',
      [script],
      { cwd, timeout: 120_000, maxBuffer: 16 << 20 },
      (err, out) => {
        if (err && typeof err.code !== 'number') return reject(err);
        resolve({ out, code: err ? Number(err.code) : 0 });
      },
    );
  });
}

/**
 * The stdout of a twin probe script (test/fixtures/python/NAME) under plain python3, or null when
 * there is no python3 (the test then skips); a failing script rejects with its stderr.
 */
export function twinProbe(name: string): Promise<string | null> {
  if (!PYTHON) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    execFile(PYTHON, [pyFixture(name)], { timeout: 60_000 }, (err, out, stderr) =>
      err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(out),
    );
  });
}
