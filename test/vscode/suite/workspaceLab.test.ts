import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { parseJsonl } from '../../../src/protocol/jsonl';
import { api, scratchUri, waitFor } from './helpers';

/** A learner's lab file: two processes take turns on one lock. */
const LAB = `import { defineLab, Lock, Process, print, sleep } from 'concurrency-labs';

export async function worker(lock, name) {
  await lock.acquire();
  try {
    print(name + ' has the lock');
    await sleep(0.2);
  } finally {
    await lock.release();
  }
}

export default defineLab({
  id: 'two-workers',
  title: { en: 'Two workers', 'zh-CN': '两个工人' },
  description: { en: 'Two processes share one lock.', 'zh-CN': '两个进程共用一把锁。' },
}, async () => {
  const lock = new Lock();
  const a = new Process(worker, [lock, 'A']);
  const b = new Process(worker, [lock, 'B']);
  await a.start();
  await b.start();
  await a.join();
  await b.join();
});
`;

describe('workspace lab files', function () {
  this.timeout(60_000);

  it('offers a "Run lab" CodeLens and runs the open file as a lab, without writing into the workspace', async () => {
    const { runs } = await api();
    const uri = scratchUri('two-workers.lab.mjs');
    writeFileSync(uri.fsPath, LAB);
    const before = readdirSync(dirname(uri.fsPath)).sort();
    const editor = await vscode.window.showTextDocument(uri);
    const lenses = await waitFor(async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        uri,
      );
      return l?.find((x) => x.command?.command === 'concurrencyLabs.runLab');
    }, 'the Run lab CodeLens');
    assert.equal(
      editor.document.positionAt(editor.document.getText().indexOf('export default')).line,
      lenses.range.start.line,
    );

    const id = await vscode.commands.executeCommand<string>('concurrencyLabs.runCurrentFile', {
      speed: 20,
      seed: 11,
    });
    assert.equal(typeof id, 'string');
    const meta = await runs.whenEnded(id);
    assert.equal(meta?.target.kind, 'workspace');
    assert.equal(meta?.state, 'ok', meta?.outcome);
    const log = parseJsonl(readFileSync(meta!.eventsFile, 'utf8'));
    const printed = log.events
      .filter((e) => e.kind === 'log')
      .map((e) => (e as { text: string }).text);
    assert.deepEqual([...printed].sort(), ['A has the lock', 'B has the lock']);
    assert.equal(log.events.filter((e) => e.kind === 'lock.acquire').length, 2);
    assert.deepEqual(
      readdirSync(dirname(uri.fsPath)).sort(),
      before,
      'the run wrote nothing next to the lab file',
    );
  });
});
