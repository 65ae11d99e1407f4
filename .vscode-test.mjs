// `npm run test:electron`: the VS Code suite (out/test/vscode/suite.js, the same file the
// code-server route in test/vscode/run.mjs loads) in desktop VS Code, through @vscode/test-cli and
// @vscode/test-electron. It downloads VS Code stable unless VSCODE_EXECUTABLE_PATH names an
// installed one. Machines that cannot run desktop VS Code use `npm run test:vscode` instead.
import { defineConfig } from '@vscode/test-cli';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A scratch workspace the suite may write into, with a settings file watched from the start. */
function scratchWorkspace() {
  const ws = mkdtempSync(join(tmpdir(), 'cl-electron-'));
  mkdirSync(join(ws, '.vscode'));
  writeFileSync(join(ws, '.vscode', 'settings.json'), '{}\n');
  return ws;
}

const installed = process.env.VSCODE_EXECUTABLE_PATH;

export default defineConfig({
  label: 'suite',
  files: 'out/test/vscode/suite.js',
  workspaceFolder: scratchWorkspace(),
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  mocha: { ui: 'bdd', timeout: 60_000 },
  ...(installed ? { useInstallation: { fromPath: installed } } : {}),
});
