import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api } from './helpers';

describe('Explore Lab', function () {
  this.timeout(90_000);

  it('opens one Explore panel per lab, Python labs too', async () => {
    const { explore } = await api();
    const opened = await vscode.commands.executeCommand<string>(
      'concurrencyLabs.exploreLab',
      'ticket-race',
    );
    assert.equal(opened, 'ticket-race');
    assert.ok(explore.openLabs().includes('ticket-race'));
    await vscode.commands.executeCommand('concurrencyLabs.exploreLab', 'ticket-race');
    assert.equal(
      explore.openLabs().filter((lab) => lab === 'ticket-race').length,
      1,
      'the same lab reveals its panel',
    );
    const python = await vscode.commands.executeCommand(
      'concurrencyLabs.exploreLab',
      'python-ticket-race',
    );
    assert.equal(python, 'python-ticket-race');
    assert.ok(explore.openLabs().includes('python-ticket-race'));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.deepEqual(explore.openLabs(), [], 'closing the panel forgets it');
  });
});
