import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, EXTENSION_ID } from './helpers';

describe('activation', () => {
  it('activates and registers every command of the manifest', async () => {
    await api();
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.equal(ext.isActive, true);
    const declared: string[] = ext.packageJSON.contributes.commands.map(
      (c: { command: string }) => c.command,
    );
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = declared.filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], 'commands declared in package.json but not registered');
  });

  it('contributes the timeline serializer view type that the panels use', async () => {
    const { panels } = await api();
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.ok(
      (ext.packageJSON.activationEvents as string[]).includes(
        'onWebviewPanel:concurrencyLabs.timeline',
      ),
    );
    assert.deepEqual(panels.openRunIds(), []);
  });
});
