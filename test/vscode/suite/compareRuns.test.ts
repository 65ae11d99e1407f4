import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { api, scratchUri, waitFor } from './helpers';

function compareTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter(
      (t) =>
        t.input instanceof vscode.TabInputWebview &&
        t.input.viewType.endsWith('concurrencyLabs.compare'),
    );
}

describe('Compare Runs', function () {
  this.timeout(120_000);

  it('opens a panel with two runs of the Runs view, and with a recording', async () => {
    const { runs } = await api();
    const race = await vscode.commands.executeCommand<string>(
      'concurrencyLabs.runLab',
      'ticket-race',
      { speed: 20, seed: 4 },
    );
    await runs.whenEnded(race);
    const lock = await vscode.commands.executeCommand<string>(
      'concurrencyLabs.runLab',
      'ticket-lock',
      { speed: 20, seed: 4 },
    );
    await runs.whenEnded(lock);
    const before = compareTabs().length;
    const title = await vscode.commands.executeCommand<string>(
      'concurrencyLabs.compareRuns',
      race,
      lock,
    );
    assert.match(
      title ?? '',
      /^Compare: Ticket race \(no lock\) · seed 4 · .+ \/ Ticket race with a lock · seed 4 · /,
    );
    await waitFor(() => compareTabs().length === before + 1, 'the compare panel');
    assert.equal(compareTabs().at(-1)!.label, title);
    const uri = scratchUri('suite-compare-race.labrun');
    await vscode.commands.executeCommand('concurrencyLabs.saveRecording', race, uri);
    const fromFile = await vscode.commands.executeCommand<string>(
      'concurrencyLabs.compareRuns',
      uri,
      lock,
    );
    assert.match(fromFile ?? '', /^Compare: suite-compare-race\.labrun \/ /);
    await waitFor(() => compareTabs().length === before + 2, 'the second compare panel');
  });

  it('opens nothing for a recording that is not a valid log', async () => {
    const bad = scratchUri('suite-compare-bad.labrun');
    writeFileSync(
      bad.fsPath,
      '{"v":1,"seq":0,"t":0,"proc":-1,"kind":"run.start"}\n{"v":1,"seq":1, oops\n',
    );
    const before = compareTabs().length;
    const { runs } = await api();
    const any = runs.list().at(-1)!.id;
    const title = await vscode.commands.executeCommand<string>(
      'concurrencyLabs.compareRuns',
      bad,
      any,
    );
    assert.equal(title, undefined);
    assert.equal(compareTabs().length, before);
  });
});
