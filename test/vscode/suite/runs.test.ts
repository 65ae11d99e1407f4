import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { parseJsonl } from '../../../src/protocol/jsonl';
import { alive, api, scratchUri, waitFor } from './helpers';

const FAST = { speed: 20, seed: 7 };

describe('runs', function () {
  this.timeout(90_000);

  it('runs ticket-lock from the command: 11 processes, exactly 1 sold, full log on disk', async () => {
    const { runs, panels } = await api();
    const id = await vscode.commands.executeCommand<string>(
      'concurrencyLabs.runLab',
      'ticket-lock',
      FAST,
    );
    assert.equal(typeof id, 'string');
    assert.ok(panels.openRunIds().includes(id), 'the timeline panel opened');
    const meta = await runs.whenEnded(id);
    assert.equal(meta?.state, 'ok', meta?.outcome);
    assert.match(meta!.outcome ?? '', /\b1 sold\b/);
    const log = parseJsonl(readFileSync(meta!.eventsFile, 'utf8'));
    assert.deepEqual(log.errors, []);
    assert.equal(log.truncated, false);
    assert.equal(log.events.filter((e) => e.kind === 'proc.spawn').length, 11);
    assert.equal(log.events.length, meta!.eventCount);
  });

  it('runs in the language a caller asks for (a fork of a recording made in another one)', async () => {
    const { runs } = await api();
    const id = await vscode.commands.executeCommand<string>(
      'concurrencyLabs.runLab',
      'ticket-lock',
      { ...FAST, lang: 'zh-CN' },
    );
    const meta = await runs.whenEnded(id);
    assert.equal(meta?.config.lang, 'zh-CN');
    const log = parseJsonl(readFileSync(meta!.eventsFile, 'utf8'));
    const names = log.events.flatMap((e) => (e.kind === 'proc.spawn' ? [e.name] : []));
    assert.ok(names.includes('进程0'), names.join(', '));
  });

  it("reruns with the same seed, in the finished run's tab", async () => {
    const { runs, panels } = await api();
    const first = runs.latest()!;
    const tab = panels.panelFor(first.id);
    assert.ok(tab, 'the first run has its tab');
    const tabsBefore = panels.openRunIds().length;
    const id = await vscode.commands.executeCommand<string>('concurrencyLabs.rerun', first.id, {
      speed: 20,
    });
    assert.notEqual(id, first.id);
    // A new run of the same lab takes over the finished run's tab instead of adding one beside it.
    assert.equal(panels.panelFor(id), tab);
    assert.equal(panels.panelFor(first.id), undefined);
    assert.equal(panels.openRunIds().length, tabsBefore);
    assert.equal(runs.get(id)!.config.seed, first.config.seed);
    assert.equal(runs.get(id)!.target.kind, first.target.kind);
    await runs.whenEnded(id);
  });

  it('stops a long run and leaves no process of its group behind', async () => {
    const { runs } = await api();
    const id = await vscode.commands.executeCommand<string>(
      'concurrencyLabs.runLab',
      'ticket-lock',
      { speed: 1, seed: 3 },
    );
    await waitFor(() => runs.get(id)?.state === 'running', 'the run to start');
    const pid = runs.runnerPid(id)!;
    assert.ok(alive(-pid), 'the run has a live process group');
    await vscode.commands.executeCommand('concurrencyLabs.stop');
    const meta = await runs.whenEnded(id);
    assert.equal(meta?.state, 'stopped');
    await waitFor(() => !alive(-pid), 'every process of the run to exit', 10_000);
  });

  it('stops the run when its timeline panel is closed (closeRunningPanel = stop)', async () => {
    const { runs, panels } = await api();
    const config = vscode.workspace.getConfiguration('concurrencyLabs');
    await config.update('closeRunningPanel', 'stop', vscode.ConfigurationTarget.Workspace);
    try {
      const id = await vscode.commands.executeCommand<string>(
        'concurrencyLabs.runLab',
        'ticket-lock',
        { speed: 1, seed: 5 },
      );
      await waitFor(() => runs.get(id)?.state === 'running', 'the run to start');
      const pid = runs.runnerPid(id)!;
      panels.panelFor(id)!.dispose();
      const meta = await runs.whenEnded(id);
      assert.equal(meta?.state, 'stopped');
      await waitFor(() => !alive(-pid), 'every process of the run to exit', 10_000);
    } finally {
      await config.update('closeRunningPanel', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('exports a run as a Chrome trace with named processes', async () => {
    const { runs } = await api();
    const done = runs.list().find((m) => m.state === 'ok')!;
    const target = scratchUri('suite-run.trace.json');
    await vscode.commands.executeCommand('concurrencyLabs.exportTrace', done.id, target);
    const trace = JSON.parse(readFileSync(target.fsPath, 'utf8'));
    const events: { ph: string; name: string; args?: { name?: string } }[] = Array.isArray(trace)
      ? trace
      : trace.traceEvents;
    assert.ok(Array.isArray(events) && events.length > 0);
    // Each lab process is named (as a trace process or thread, whichever the export uses).
    const names = events
      .filter((e) => e.ph === 'M' && /^(process|thread)_name$/.test(e.name))
      .map((e) => e.args?.name);
    assert.ok(names.length >= 11, `process names: ${names.join(', ')}`);
    assert.ok(
      names.some((n) => /MainProcess/.test(n ?? '')),
      `process names: ${names.join(', ')}`,
    );
  });
});
