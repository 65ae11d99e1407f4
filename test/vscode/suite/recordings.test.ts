import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { parseJsonl } from '../../../src/protocol/jsonl';
import { api, scratchUri, waitFor } from './helpers';

function customTabs(uri: vscode.Uri): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter(
      (t) =>
        t.input instanceof vscode.TabInputCustom &&
        t.input.viewType === 'concurrencyLabs.recording' &&
        t.input.uri.toString() === uri.toString(),
    );
}

describe('recordings', function () {
  this.timeout(60_000);

  it('saves a finished run as a valid .labrun and opens it in the custom editor', async () => {
    const { runs } = await api();
    const id = await vscode.commands.executeCommand<string>(
      'concurrencyLabs.runLab',
      'ticket-race',
      { speed: 20, seed: 2 },
    );
    await runs.whenEnded(id);
    const uri = scratchUri('suite-ticket-race.labrun');
    await vscode.commands.executeCommand('concurrencyLabs.saveRecording', id, uri);
    const log = parseJsonl(readFileSync(uri.fsPath, 'utf8'));
    assert.deepEqual(log.errors, []);
    assert.equal(log.events[0].kind, 'run.start');
    assert.equal(log.events.at(-1)!.kind, 'run.end');
    await vscode.commands.executeCommand('concurrencyLabs.openRecording', uri);
    await waitFor(() => customTabs(uri).length === 1, 'the recording tab');
  });

  it('opens malformed and truncated files without throwing', async () => {
    const good = readFileSync(scratchUri('suite-ticket-race.labrun').fsPath, 'utf8').split('\n');
    const broken = scratchUri('suite-broken.labrun');
    writeFileSync(broken.fsPath, good.slice(0, 3).join('\n') + '\n{"v":1,"seq":3, oops\n');
    const truncated = scratchUri('suite-truncated.labrun');
    writeFileSync(truncated.fsPath, good.slice(0, 5).join('\n') + '\n');
    for (const uri of [broken, truncated]) {
      await vscode.commands.executeCommand('concurrencyLabs.openRecording', uri);
      await waitFor(() => customTabs(uri).length === 1, `the tab of ${uri.path}`);
    }
  });

  it('deletes a run and its log', async () => {
    const { runs } = await api();
    const victim = runs.list().at(-1)!;
    await vscode.commands.executeCommand('concurrencyLabs.deleteRun', victim.id);
    assert.equal(runs.get(victim.id), undefined);
    assert.throws(() => readFileSync(victim.eventsFile));
  });
});
