#!/usr/bin/env node
// `npm run screenshots`: refreshes the README's pictures. Runs the end-to-end scenarios in a real
// VS Code, with the extension under development and installed from its .vsix in Chinese (they
// write only into test-output/), then copies the kept shots into media/.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shots = join(repo, 'test-output', 'vscode');
/** Each kept shot and the README picture it becomes. */
const PICTURES = [
  ['readme-timeline.png', 'screenshot-timeline.png'],
  ['readme-decorations.png', 'screenshot-decorations.png'],
  ['readme-step.png', 'screenshot-step.png'],
  ['readme-explore.png', 'screenshot-explore.png'],
  ['timeline-theme-dark.png', 'screenshot-dark.png'],
  // From the installed .vsix in Chinese (the vsix phase).
  ['zh-cn-explore.png', 'screenshot-zh-cn.png'],
];

const env = { ...process.env, CONCURRENCY_LABS_PHASES: 'dev,vsix' };
const run = spawnSync(process.execPath, ['test/vscode/run.mjs'], {
  cwd: repo,
  stdio: 'inherit',
  env,
});
if (run.status !== 0) {
  console.error('screenshots: the end-to-end scenarios failed; media/ is unchanged');
  process.exit(1);
}
const missing = PICTURES.filter(([kept]) => !existsSync(join(shots, kept)));
if (missing.length) {
  // The timeline scenario keeps only a typical run (1 sold, no torn read); another seed may give one.
  console.error(
    `screenshots: this run kept no ${missing.map(([k]) => k).join(', ')}; run it again`,
  );
  process.exit(1);
}
for (const [kept, picture] of PICTURES) {
  copyFileSync(join(shots, kept), join(repo, 'media', picture));
  console.log(`screenshots: media/${picture} refreshed`);
}

// The Compare Runs picture comes from its Chromium test (two recorded schedules of ticket-race).
const compare = spawnSync(
  process.execPath,
  [
    'node_modules/mocha/bin/mocha.js',
    '--no-config',
    '--require',
    'tsx/cjs',
    '--timeout',
    '120000',
    'test/webview/compare.test.ts',
  ],
  { cwd: repo, stdio: 'inherit' },
);
if (compare.status !== 0) {
  console.error('screenshots: the compare test failed; media/screenshot-compare.png is unchanged');
  process.exit(1);
}
copyFileSync(
  join(repo, 'test-output', 'webview', 'compare.png'),
  join(repo, 'media', 'screenshot-compare.png'),
);
console.log('screenshots: media/screenshot-compare.png refreshed');
