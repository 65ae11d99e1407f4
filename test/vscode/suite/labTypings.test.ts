import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { scratchUri, waitFor } from './helpers';

const LAB = `import { defineLab, Lock } from 'concurrency-labs';

export default defineLab({ id: 'typed', title: 'Typed', description: 'd' }, async () => {
  const lock = new Lock();
  await lock.acquire();
});
`;

describe('lab typings', function () {
  this.timeout(120_000);

  it('adds the lab API types and a jsconfig.json; hover on Lock in a lab file then shows its class', async () => {
    const result = await vscode.commands.executeCommand<string>('concurrencyLabs.addTypings');
    assert.equal(result, 'added');
    const typings = scratchUri('.vscode/concurrency-labs.d.ts').fsPath;
    assert.ok(existsSync(typings));
    assert.match(readFileSync(typings, 'utf8'), /declare module 'concurrency-labs'/);
    const jsconfig = JSON.parse(readFileSync(scratchUri('jsconfig.json').fsPath, 'utf8'));
    assert.ok(jsconfig.include.includes('.vscode/concurrency-labs.d.ts'));

    const uri = scratchUri('typed.lab.mjs');
    writeFileSync(uri.fsPath, LAB);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const at = doc.positionAt(LAB.indexOf('new Lock') + 'new '.length + 1);
    // The TypeScript server starts in the background; ask until it answers with the declaration.
    let last = '';
    const text = await waitFor(
      async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
          'vscode.executeHoverProvider',
          uri,
          at,
        );
        const all = (hovers ?? [])
          .flatMap((h) => h.contents)
          .map((c) => (typeof c === 'string' ? c : c.value))
          .join('\n');
        last = all;
        return /class Lock|Lock\(/.test(all) ? all : undefined;
      },
      'a hover that knows Lock',
      90_000,
    ).catch((err: Error) => {
      throw new Error(`${err.message}; the last hover said ${JSON.stringify(last)}`);
    });
    assert.doesNotMatch(text, /\bany\b/);
  });
});
