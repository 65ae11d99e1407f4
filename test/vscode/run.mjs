#!/usr/bin/env node
// `npm run test:vscode`: the extension inside a real VS Code.
//  1. the mocha integration suite (test/vscode/suite) in code-server's extension host;
//  2. end-to-end scenarios (test/e2e/*.e2e.mjs) driven through the workbench UI, with the
//     extension under development;
//  3. the packaged .vsix installed with --install-extension, in Chinese (zh-cn).
// The same suite in desktop VS Code: `npm run test:electron` (.vscode-test.mjs).
// Env: CONCURRENCY_LABS_PHASES=suite,dev,vsix to pick phases; CONCURRENCY_LABS_KEEP=1 keeps scratch folders;
// CONCURRENCY_LABS_SCENARIOS=06,02 runs only the scenarios whose file names start so.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchBrowser } from './lib/browser.mjs';
import {
  devPayloadUrl,
  ensureCodeServer,
  installExtension,
  prepareProfile,
  startCodeServer,
} from './lib/codeServer.mjs';
import { buildZhCnPack, registerZhCnPack } from './lib/langPack.mjs';
import { labProcesses, waitForWorkbench } from '../e2e/workbench.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = join(repo, 'test-output', 'vscode');
const phases = new Set((process.env.CONCURRENCY_LABS_PHASES || 'suite,dev,vsix').split(','));
const scratch = mkdtempSync(join(tmpdir(), 'cl-vscode-'));
const failures = [];
const started = Date.now();

function step(msg) {
  console.log(`[test:vscode ${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: repo, stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status})`);
}

/** A scratch workspace folder the tests may write into. */
function makeWorkspace(name) {
  const ws = join(scratch, name);
  // An existing settings file is watched from the start, so scenarios can change settings live.
  mkdirSync(join(ws, '.vscode'), { recursive: true });
  writeFileSync(join(ws, '.vscode', 'settings.json'), '{}\n');
  return ws;
}

async function loadScenarios() {
  const dir = join(repo, 'test', 'e2e');
  const only = process.env.CONCURRENCY_LABS_SCENARIOS?.split(',').filter(Boolean);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.e2e.mjs'))
    .filter((f) => !only || only.some((prefix) => f.startsWith(prefix)))
    .sort();
  const all = [];
  for (const f of files) all.push({ file: f, ...(await import(pathToFileURL(join(dir, f)).href)) });
  return all;
}

async function runScenarios(phase, ctx) {
  for (const s of (await loadScenarios()).filter((x) => x.phase === phase)) {
    const t0 = Date.now();
    try {
      await s.scenario(ctx);
      step(`  ✓ ${s.file}: ${s.title} (${Date.now() - t0} ms)`);
    } catch (err) {
      failures.push(`${phase}/${s.file}: ${err.message}`);
      step(`  ✗ ${s.file}: ${s.title}\n${err.stack}`);
      await ctx.page
        .screenshot({ path: join(outDir, `FAILED-${s.file.replace(/\.e2e\.mjs$/, '')}.png`) })
        .catch(() => {});
    }
  }
}

/** Phase 1 + 2: the extension under development (suite, then UI scenarios) on one server. */
async function devPhases(cs, browser) {
  const suiteWs = makeWorkspace('ws-suite');
  const ws = makeWorkspace('ws-dev');
  const profile = prepareProfile(join(scratch, 'profile-dev'), {
    settings: { 'concurrencyLabs.speed': 20 },
  });
  const results = join(scratch, 'suite-results.json');
  const server = await startCodeServer(cs, profile, ws, {
    // The development build's timeline carries the test hook the UI scenarios read.
    extraEnv: { CONCURRENCY_LABS_TEST_RESULTS: results, CONCURRENCY_LABS_TEST_HOOK: '1' },
  });
  try {
    if (phases.has('suite')) {
      step('suite: mocha inside the extension host');
      const page = await browser.newPage();
      const exit = new Promise((res) =>
        page.exposeFunction('codeAutomationExit', (code) => res(code)),
      );
      const logs = [];
      page.on('console', (m) => {
        if (/✓|✔|passing|failing|pending|\d+\)|Error/.test(m.text())) logs.push(m.text());
      });
      await page.goto(
        devPayloadUrl(server, suiteWs, repo, join(repo, 'out', 'test', 'vscode', 'index.js')),
      );
      const code = await Promise.race([
        exit,
        new Promise((res) => setTimeout(() => res('timeout'), 240_000)),
      ]);
      const summary = existsSync(results) ? JSON.parse(readFileSync(results, 'utf8')) : undefined;
      for (const r of summary?.results ?? [])
        console.log(
          `  ${r.state === 'passed' ? '✓' : '✗'} ${r.title}${r.error ? `\n${r.error}` : ''}`,
        );
      if (code !== 0) {
        failures.push(
          `suite: exit ${code}${summary ? `, ${summary.failures} failing` : ' (no results: the suite did not load)'}`,
        );
        if (!summary) console.log(logs.join('\n'));
      }
      step(`suite: ${code === 0 ? 'passed' : 'FAILED'} (${summary?.results?.length ?? 0} tests)`);
      await page.close();
    }
    if (phases.has('dev')) {
      step('e2e: workbench scenarios with the extension under development');
      const page = await browser.newPage();
      await page.goto(devPayloadUrl(server, ws, repo));
      await waitForWorkbench(page);
      await runScenarios('dev', {
        page,
        outDir,
        workspace: ws,
        repo,
        extensionRoot: repo,
        profile,
        lang: 'en',
      });
      await page.close();
    }
  } finally {
    await server.stop();
  }
}

/** Phase 3: build and package the .vsix, install it into a fresh code-server, use it in Chinese. */
async function vsixPhase(cs, browser) {
  // vsce runs `vscode:prepublish` (type-check and production build) before packaging.
  step('vsix: package (production build)');
  const vsix = join(scratch, 'concurrency-labs.vsix');
  try {
    const vsce = join(repo, 'node_modules', '@vscode', 'vsce', 'vsce');
    run(
      process.execPath,
      [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '-o', vsix],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
  } finally {
    run(process.execPath, ['scripts/build.mjs']); // back to the development build (with source maps)
  }
  const ws = makeWorkspace('ws-vsix');
  const profile = prepareProfile(join(scratch, 'profile-vsix'), {
    locale: 'zh-cn',
    settings: { 'concurrencyLabs.speed': 20 },
  });
  installExtension(
    cs,
    profile.env,
    profile.extensions,
    buildZhCnPack(join(scratch, 'zh-cn-pack'), repo),
  );
  registerZhCnPack(profile.userData, profile.extensions);
  installExtension(cs, profile.env, profile.extensions, vsix);
  const installed = readdirSync(profile.extensions).filter((d) =>
    d.startsWith('concurrency-labs.'),
  );
  if (installed.length !== 1)
    throw new Error(`the .vsix did not install: ${readdirSync(profile.extensions).join(', ')}`);
  const extensionRoot = join(profile.extensions, installed[0]);
  const server = await startCodeServer(cs, profile, ws, { locale: 'zh-cn' });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/?folder=${encodeURIComponent(ws)}`);
    await waitForWorkbench(page);
    await runScenarios('vsix', {
      page,
      outDir,
      workspace: ws,
      repo,
      extensionRoot,
      profile,
      lang: 'zh-cn',
    });
    await page.close();
  } finally {
    await server.stop();
  }
}

/** Tracked files that differ from HEAD (tests must write only into ignored folders). */
function changedTrackedFiles() {
  const r = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], {
    cwd: repo,
    encoding: 'utf8',
  });
  return r.status === 0 ? new Set(r.stdout.split('\n').filter(Boolean)) : new Set();
}

async function main() {
  const changedBefore = changedTrackedFiles();
  rmSync(outDir, { recursive: true, force: true }); // only this run's screenshots
  mkdirSync(outDir, { recursive: true });
  if (!process.env.CONCURRENCY_LABS_SKIP_BUILD) run(process.execPath, ['scripts/build.mjs']);
  const cs = ensureCodeServer(repo);
  const browser = await launchBrowser(scratch);
  try {
    if (phases.has('suite') || phases.has('dev')) await devPhases(cs, browser);
    if (phases.has('vsix')) await vsixPhase(cs, browser);
  } finally {
    await browser.close();
  }
  const left = await labProcesses(scratch);
  if (left.length) failures.push(`lab processes left behind:\n${left.join('\n')}`);
  const touched = [...changedTrackedFiles()].filter((line) => !changedBefore.has(line));
  if (touched.length) failures.push(`the tests modified tracked files:\n${touched.join('\n')}`);
}

main()
  .catch((err) => failures.push(`harness: ${err.stack ?? err}`))
  .finally(() => {
    if (!process.env.CONCURRENCY_LABS_KEEP) rmSync(scratch, { recursive: true, force: true });
    step(
      failures.length
        ? `FAILED:\n- ${failures.join('\n- ')}`
        : `all passed; screenshots in ${outDir}`,
    );
    process.exit(failures.length ? 1 : 0);
  });
