/** Builds the bundles once per mocha process, for tests that fork dist/runner.js, dist/cli.js, … */
import { execFile } from 'node:child_process';
import { join } from 'node:path';

export const REPO = join(__dirname, '..', '..');
export const DIST = join(REPO, 'dist');

let built: Promise<void> | null = null;

export function ensureBuilt(): Promise<void> {
  built ??= new Promise<void>((resolve, reject) => {
    execFile(process.execPath, ['scripts/build.mjs'], { cwd: REPO }, (err, _out, stderr) => {
      if (err) reject(new Error(`build failed: ${stderr || err.message}`));
      else resolve();
    });
  });
  return built;
}
