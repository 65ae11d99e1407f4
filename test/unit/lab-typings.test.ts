/**
 * The lab API's types as the editor reads them (dist/types/concurrency-labs.d.ts, with the
 * jsconfig.json the extension writes): a real TypeScript checks a lab file against them, so a
 * wrong call is flagged and a right one is not, and hover shows the runtime's own declarations.
 */
import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { ensureBuilt, REPO } from '../support/build';

const LAB = `import { defineLab, Lock, Process, Queue } from 'concurrency-labs';

export async function worker(lock, q) {
  await lock.acquire();
  await q.put(1);
  await lock.release();
}

export default defineLab({ id: 'typed', title: 'Typed', description: 'd' }, async () => {
  const lock = new Lock();
  const q = new Queue();
  const p = new Process(worker, [lock, q]);
  await p.start();
  await p.join(null);
  const n = await q.get(true, 2);
  /*CALL*/
});
`;

function check(call: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'cl-typings-'));
  try {
    mkdirSync(join(dir, '.vscode'));
    copyFileSync(
      join(REPO, 'dist', 'types', 'concurrency-labs.d.ts'),
      join(dir, '.vscode', 'concurrency-labs.d.ts'),
    );
    const lab = join(dir, 'typed.lab.mjs');
    writeFileSync(lab, LAB.replace('/*CALL*/', call));
    const program = ts.createProgram([lab, join(dir, '.vscode', 'concurrency-labs.d.ts')], {
      allowJs: true,
      checkJs: true,
      noEmit: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      types: [],
    });
    return ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('lab typings for the editor', function () {
  this.timeout(120_000);
  before(() => ensureBuilt());

  it('type-checks a lab file that uses the API rightly, without any error', () => {
    assert.deepEqual(check('lock.acquire(false, 0.5);'), []);
  });

  it("flags a wrong call: a timeout given as text, a method that doesn't exist", () => {
    const wrongArg = check("lock.acquire(true, 'soon');");
    assert.equal(wrongArg.length, 1, wrongArg.join('\n'));
    assert.match(wrongArg[0], /'string' is not assignable to parameter of type 'number/);
    const noMethod = check('q.push(1);');
    assert.equal(noMethod.length, 1, noMethod.join('\n'));
    assert.match(noMethod[0], /Property 'push' does not exist/);
  });
});
