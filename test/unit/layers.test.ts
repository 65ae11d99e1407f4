/**
 * The layer rule (.dependency-cruiser.cjs), run by dependency-cruiser as `npm run lint` runs it:
 * the real tree passes, and in a small tree with the same folders every back-edge is reported by
 * the rule that forbids it while the allowed edges pass.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { REPO } from '../support/build';

const DEPCRUISE = join(REPO, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const CONFIG = join(REPO, '.dependency-cruiser.cjs');

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

/** Runs the layer rule over `dirs` in `cwd`; resolves with its violations (it exits 1 when any). */
async function cruise(cwd: string, dirs: string[]): Promise<Violation[]> {
  const args = [DEPCRUISE, ...dirs, '--config', CONFIG, '--output-type', 'json'];
  const out = await promisify(execFile)(process.execPath, args, {
    cwd,
    maxBuffer: 64 * 1024 * 1024,
  }).catch((err: { stdout?: string; code?: number }) => {
    if (err.code !== 1 || !err.stdout) throw err;
    return { stdout: err.stdout };
  });
  return (JSON.parse(out.stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

/** One import per file: `[file, imports]`, the import written as the source would write it. */
const TREE: [string, string][] = [
  ['src/protocol/shape.ts', ''],
  ['src/wire/frames.ts', '../protocol/shape'],
  ['src/model/timeline.ts', '../protocol/shape'],
  ['src/labs/info/race.ts', '../../protocol/shape'],
  ['src/labs/analysis/race.ts', '../../model/timeline'],
  ['src/runtime/index.ts', '../wire/frames'],
  ['src/labs/code/race.lab.ts', 'concurrency-labs'],
  ['src/runner/hub.ts', '../labs/analysis/race'],
  ['src/runnerClient/client.ts', '../labs/info/race'],
  ['src/cli/main.ts', '../runnerClient/client'],
  ['src/extension/extension.ts', '../runnerClient/client'],
  ['webview/app.ts', '../src/model/timeline'],
  // The back-edges, each of which must be refused by the rule named.
  ['src/protocol/backEdge.ts', '../runner/hub'],
  ['src/runtime/backEdge.ts', '../runner/hub'],
  ['src/model/backEdge.ts', '../wire/frames'],
  ['src/labs/analysis/backEdge.ts', '../code/race.lab'],
  ['src/labs/code/backEdge.ts', '../../runner/hub'],
  ['src/runner/backEdge.ts', '../labs/code/race.lab'],
  ['src/cli/backEdge.ts', '../runner/hub'],
  ['src/extension/backEdge.ts', '../runtime/index'],
  ['src/extension/labs.ts', '../labs/code/race.lab'],
  ['webview/backEdge.ts', '../src/runnerClient/client'],
  ['src/misc/loose.ts', '../protocol/shape'],
];

const EXPECTED = [
  'protocol-imports-nothing: src/protocol/backEdge.ts → src/runner/hub.ts',
  'runtime-on-protocol-and-wire: src/runtime/backEdge.ts → src/runner/hub.ts',
  'model-on-protocol: src/model/backEdge.ts → src/wire/frames.ts',
  'lab-analysis-is-pure: src/labs/analysis/backEdge.ts → src/labs/code/race.lab.ts',
  'lab-code-on-runtime: src/labs/code/backEdge.ts → src/runner/hub.ts',
  'runner-not-on-lab-code: src/runner/backEdge.ts → src/labs/code/race.lab.ts',
  'cli-not-on-runner-or-lab-code: src/cli/backEdge.ts → src/runner/hub.ts',
  'extension-not-on-runner-or-lab-code: src/extension/backEdge.ts → src/runtime/index.ts',
  'extension-not-on-runner-or-lab-code: src/extension/labs.ts → src/labs/code/race.lab.ts',
  'webview-on-protocol-and-model: webview/backEdge.ts → src/runnerClient/client.ts',
  'every-source-folder-has-a-layer: src/misc/loose.ts → src/protocol/shape.ts',
].sort();

describe('the layer rule', function () {
  this.timeout(120_000);

  it('holds for the real tree', async () => {
    assert.deepEqual(await cruise(REPO, ['src', 'webview']), []);
  });

  it('names every back-edge in a small tree, and lets the allowed edges pass', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'layers-'));
    try {
      // The same tsconfig, so 'concurrency-labs' resolves to src/runtime as in the real tree.
      copyFileSync(join(REPO, 'tsconfig.base.json'), join(dir, 'tsconfig.base.json'));
      for (const [file, from] of TREE) {
        mkdirSync(dirname(join(dir, file)), { recursive: true });
        const body = from
          ? `import { x as imported } from '${from}';\nexport const y = imported;\n`
          : '';
        writeFileSync(join(dir, file), `${body}export const x = 1;\n`);
      }
      const found = (await cruise(dir, ['src', 'webview']))
        .map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)
        .sort();
      assert.deepEqual(found, EXPECTED);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
