#!/usr/bin/env node
// `npm run screenshots`: refreshes the README's picture. Runs the end-to-end scenarios in a real
// VS Code (they write only into test-output/), then copies the kept timeline shot into media/.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const kept = join(repo, 'test-output', 'vscode', 'readme-timeline.png');
const target = join(repo, 'media', 'screenshot-timeline.png');

const env = { ...process.env, CONCURRENCY_LABS_PHASES: 'dev' };
const run = spawnSync(process.execPath, ['test/vscode/run.mjs'], {
  cwd: repo,
  stdio: 'inherit',
  env,
});
if (run.status !== 0) {
  console.error('screenshots: the end-to-end scenarios failed; media/ is unchanged');
  process.exit(1);
}
if (!existsSync(kept)) {
  // The scenario keeps only a typical run (1 sold, no torn read); another seed may give one.
  console.error(`screenshots: this run kept no README shot (${kept}); run it again`);
  process.exit(1);
}
copyFileSync(kept, target);
console.log(`screenshots: ${target} refreshed`);
