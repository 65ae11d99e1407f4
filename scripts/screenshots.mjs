#!/usr/bin/env node
// `npm run screenshots`: refreshes the README's pictures. Runs the end-to-end scenarios that keep
// them in a real VS Code, with the extension under development and installed from its .vsix in
// Chinese (they write only into test-output/), then copies the kept shots into media/.
// Works from a clean checkout after `npm ci`: test/vscode/run.mjs builds, packages and installs.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shots = join(repo, 'test-output', 'vscode');
/** Each kept shot, the scenario that keeps it (its file name's start) and the README picture. */
const PICTURES = [
  { kept: 'readme-timeline.png', scenario: '01-', picture: 'screenshot-timeline.png' },
  {
    kept: 'readme-decorations.png',
    scenario: '06-decorations',
    picture: 'screenshot-decorations.png',
  },
  { kept: 'readme-step.png', scenario: '07-', picture: 'screenshot-step.png' },
  { kept: 'readme-explore.png', scenario: '08-', picture: 'screenshot-explore.png' },
  { kept: 'timeline-theme-dark.png', scenario: '09-', picture: 'screenshot-dark.png' },
  // From the installed .vsix in Chinese (the vsix phase).
  { kept: 'zh-cn-explore.png', scenario: '10-', picture: 'screenshot-zh-cn.png' },
];
/**
 * The timeline scenario keeps only a typical run (1 sold, no torn read), which real time does
 * not promise: the scenarios whose picture is missing run again, up to this many times in all.
 */
const ATTEMPTS = 3;

// Each pass of test/vscode/run.mjs starts by emptying test-output/vscode: kept shots wait here.
const staged = mkdtempSync(join(tmpdir(), 'cl-screenshots-'));
let missing = PICTURES;
for (let attempt = 1; attempt <= ATTEMPTS && missing.length; attempt++) {
  const scenarios = missing.map((p) => p.scenario);
  console.log(`screenshots: pass ${attempt}, scenarios ${scenarios.join(', ')}`);
  const phases = [
    ...(missing.some((p) => p.scenario !== '10-') ? ['dev'] : []),
    ...(missing.some((p) => p.scenario === '10-') ? ['vsix'] : []),
  ];
  const run = spawnSync(process.execPath, ['test/vscode/run.mjs'], {
    cwd: repo,
    stdio: 'inherit',
    env: {
      ...process.env,
      CONCURRENCY_LABS_PHASES: phases.join(','),
      CONCURRENCY_LABS_SCENARIOS: scenarios.join(','),
    },
  });
  if (run.status !== 0) {
    console.error('screenshots: the end-to-end scenarios failed; media/ is unchanged');
    rmSync(staged, { recursive: true, force: true });
    process.exit(1);
  }
  for (const p of missing)
    if (existsSync(join(shots, p.kept))) copyFileSync(join(shots, p.kept), join(staged, p.kept));
  missing = PICTURES.filter((p) => !existsSync(join(staged, p.kept)));
}
if (missing.length) {
  console.error(
    `screenshots: ${ATTEMPTS} passes kept no ${missing.map((p) => p.kept).join(', ')}; media/ is unchanged`,
  );
  rmSync(staged, { recursive: true, force: true });
  process.exit(1);
}
for (const { kept, picture } of PICTURES) {
  copyFileSync(join(staged, kept), join(repo, 'media', picture));
  console.log(`screenshots: media/${picture} refreshed`);
}
rmSync(staged, { recursive: true, force: true });

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
