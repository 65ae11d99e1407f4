import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api } from './helpers';

describe('a lab named by a bare file name', function () {
  this.timeout(60_000);

  // Rerun from a recording passed run.start.lab (a bare file name) on to runLab, which made it
  // `/name.lab.mjs` at the filesystem root and started a run of it.
  it('is not resolved at the filesystem root: no run starts', async () => {
    const { runs } = await api();
    const before = runs.list().length;
    const id = await vscode.commands.executeCommand<string | undefined>(
      'concurrencyLabs.runLab',
      'nowhere-at-the-root.lab.mjs',
    );
    assert.equal(id, undefined);
    assert.equal(runs.list().length, before);
    assert.ok(
      !runs
        .list()
        .some(
          (m) => m.target.kind === 'workspace' && m.target.path === '/nowhere-at-the-root.lab.mjs',
        ),
    );
  });
});
