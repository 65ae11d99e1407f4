import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { api, waitFor } from './helpers';

describe('built-in labs as lab files', function () {
  this.timeout(90_000);

  it("opens a built-in lab's code: the very file the runner loads", async () => {
    const path = await vscode.commands.executeCommand<string>(
      'concurrencyLabs.openLabSource',
      'ticket-lock',
    );
    assert.ok(path.endsWith('/dist/labs/ticket-lock.lab.mjs'), path);
    const doc = vscode.window.activeTextEditor?.document;
    assert.equal(doc?.uri.fsPath, path);
    assert.match(doc.getText(), /import \{[^}]*Lock[^}]*\} from "concurrency-labs"/);
  });

  it('copies a built-in lab into the workspace, where it runs like an own lab and its lines show the run', async () => {
    const { runs, sites } = await api();
    const path = await vscode.commands.executeCommand<string>(
      'concurrencyLabs.copyLabToWorkspace',
      'ticket-lock',
    );
    try {
      assert.ok(existsSync(path) && path.endsWith('ticket-lock.lab.mjs'), path);
      const code = readFileSync(path, 'utf8');
      assert.match(code, /^\/\/ A copy of the built-in lab "ticket-lock"/);
      assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, path);
      const lens = await waitFor(async () => {
        const l = await vscode.commands.executeCommand<vscode.CodeLens[]>(
          'vscode.executeCodeLensProvider',
          vscode.Uri.file(path),
        );
        return l?.find((x) => x.command?.command === 'concurrencyLabs.runLab');
      }, 'the Run lab CodeLens on the copy');
      assert.ok(lens);
      const id = await vscode.commands.executeCommand<string>('concurrencyLabs.runCurrentFile', {
        speed: 50,
        seed: 3,
      });
      const meta = await runs.whenEnded(id);
      assert.equal(meta?.state, 'ok');
      assert.deepEqual(meta?.target, { kind: 'workspace', path, title: meta?.target.title });
      // The copy's acquire line says what it did, in the editor.
      const acquireLine =
        code.split('\n').findIndex((l) => l.includes('await mutex.acquire()')) + 1;
      const shown = await waitFor(
        () => sites.shownIn(path)?.find((s) => s.line === acquireLine),
        'the run shown at the acquire line of the copy',
      );
      assert.match(shown.text, /^\d+ calls? · waited .+ · held .+/);
    } finally {
      rmSync(path, { force: true });
    }
  });

  it('copies a built-in Python lab with the modules it imports, and those they import, so the copy runs', async () => {
    const { runs } = await api();
    const path = await vscode.commands.executeCommand<string>(
      'concurrencyLabs.copyLabToWorkspace',
      'python-ticket-lock',
    );
    const folder = dirname(path);
    // ticket_lock.py imports ticket_shop, which imports say: a copy without say.py cannot start.
    const modules = ['ticket_shop.py', 'say.py'].map((m) => join(folder, m));
    try {
      assert.ok(path.endsWith('ticket_lock.py'), path);
      for (const m of modules) assert.ok(existsSync(m), `${m} copied beside the script`);
      const id = await vscode.commands.executeCommand<string>(
        'concurrencyLabs.runPythonFile',
        vscode.Uri.file(path),
        { speed: 50, seed: 3 },
      );
      const meta = await runs.whenEnded(id);
      // Without say.py beside it: state 'error', "ModuleNotFoundError: No module named 'say'".
      assert.equal(meta?.state, 'ok', meta?.outcome);
    } finally {
      for (const f of [path, ...modules, join(folder, 'data.json')]) rmSync(f, { force: true });
    }
  });
});
