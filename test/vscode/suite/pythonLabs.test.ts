import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { PYTHON_LAB_INFOS } from '../../../src/labs/info/pythonLabs';
import { api, waitFor } from './helpers';

describe('built-in Python labs', function () {
  this.timeout(90_000);

  it('are the "Python" group of the Labs tree, after the course', async () => {
    const { labs } = await api();
    const top = await labs.getChildren();
    const python = top.find((n) => 'group' in n && n.group === 'python');
    assert.ok(python, 'a Python group');
    assert.equal(labs.getTreeItem(python).label, 'Python');
    // After the course: its labs (the top level when the workspace has none) or its group.
    const order = top.map((n) => labs.getTreeItem(n).id);
    const course = order.findIndex((id) => id === 'lab:ticket-race' || id === 'group:builtin');
    assert.ok(course >= 0 && course < order.indexOf('group:python'), order.join(', '));
    const items = (await labs.getChildren(python)).map((n) => labs.getTreeItem(n));
    assert.deepEqual(
      items.map((i) => i.id),
      PYTHON_LAB_INFOS.map((lab) => `lab:${lab.id}`),
    );
    assert.equal(items[0].label, 'Ticket race (no lock) (Python)');
    // Run, step, explore and copy are offered (package.json's menus match this value).
    assert.ok(items.every((i) => i.contextValue === 'lab.builtin.python'));
  });

  it('runs one from the command with its linked analysis, opens its script, steps it', async () => {
    const { runs } = await api();
    const id = await vscode.commands.executeCommand<string>(
      'concurrencyLabs.runLab',
      'python-ticket-lock',
      { speed: 20, seed: 2 },
    );
    const meta = await runs.whenEnded(id);
    assert.equal(meta?.state, 'ok', meta?.outcome);
    assert.match(meta!.outcome ?? '', /\b1 sold\b/);
    const path = await vscode.commands.executeCommand<string>(
      'concurrencyLabs.openLabSource',
      'python-ticket-lock',
    );
    assert.ok(path.endsWith('/dist/labs/python/ticket_lock.py'), path);
    assert.match(
      vscode.window.activeTextEditor!.document.getText(),
      /^from multiprocessing import/m,
    );
    // Step mode runs the Python script too: the run waits for the person's first choice.
    const stepped = await vscode.commands.executeCommand<string>(
      'concurrencyLabs.stepLab',
      'python-ticket-race',
      { seed: 1 },
    );
    assert.equal(typeof stepped, 'string', 'a step-mode run started');
    const choice = await waitFor(() => runs.openChoice(stepped), 'the first step to choose');
    assert.equal(choice.step, 1);
    assert.deepEqual(
      choice.runnable.map((r) => r.name),
      ['MainProcess'],
    );
    await runs.stop(stepped);
    assert.equal((await runs.whenEnded(stepped))?.state, 'stopped');
  });
});
