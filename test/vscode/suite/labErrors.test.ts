import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { api, scratchUri, waitFor } from './helpers';

/** A learner's lab whose child throws inside a helper; the throw is on line 4, the call on line 8. */
const LAB = `import { defineLab, Process, sleep } from 'concurrency-labs';

function check(n) {
  if (n > 0) throw new Error('no tickets left for ' + n);
}

export async function buyer(n) {
  check(n);
  await sleep(0.1);
}

export default defineLab({ id: 'throws', title: 'Throws', description: 'A child throws.' }, async () => {
  const p = new Process(buyer, [3]);
  await p.start();
  await p.join();
});
`;

describe('lab errors as diagnostics', function () {
  this.timeout(60_000);

  it("puts a child's throw in Problems at its line, with the calling line as a related location; a clean rerun clears it", async () => {
    const { runs } = await api();
    const uri = scratchUri('throws.lab.mjs');
    writeFileSync(uri.fsPath, LAB);
    await vscode.window.showTextDocument(uri);
    const id = await vscode.commands.executeCommand<string>('concurrencyLabs.runCurrentFile', {
      speed: 20,
      seed: 1,
    });
    await runs.whenEnded(id);
    const [d] = await waitFor(() => {
      const list = vscode.languages.getDiagnostics(uri);
      return list.length ? list : undefined;
    }, 'a diagnostic on the lab file');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(d.range.start.line, 3, 'the throw is on line 4');
    assert.match(d.message, /^Process-1: no tickets left for 3$/);
    const related = (d.relatedInformation ?? []).map((r) => [
      r.location.uri.fsPath,
      r.location.range.start.line,
    ]);
    assert.ok(
      related.some(([f, l]) => f === uri.fsPath && l === 7),
      `the call in buyer() (line 8) is a related location: ${JSON.stringify(related)}`,
    );

    writeFileSync(uri.fsPath, LAB.replace('n > 0', 'n > 5'));
    await vscode.window.showTextDocument(uri);
    const again = await vscode.commands.executeCommand<string>('concurrencyLabs.runCurrentFile', {
      speed: 20,
      seed: 1,
    });
    const meta = await runs.whenEnded(again);
    assert.equal(meta?.state, 'ok', meta?.outcome);
    assert.deepEqual(vscode.languages.getDiagnostics(uri), [], 'the new run found nothing');
  });
});
