import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labFileCandidates, recordedLab } from '../../src/extension/recordedLab';

describe('extension recordedLab (Rerun from a recording)', () => {
  let root = '';
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'recorded-lab-'));
    mkdirSync(join(root, 'recordings'));
    mkdirSync(join(root, 'ws'));
    writeFileSync(join(root, 'recordings', 'beside.lab.mjs'), 'export default {}\n');
    writeFileSync(join(root, 'ws', 'beside.lab.mjs'), 'export default {}\n');
    writeFileSync(join(root, 'ws', 'atroot.lab.js'), 'export default {}\n');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('takes a built-in id or a bare lab file name, and refuses anything else', () => {
    assert.deepEqual(recordedLab('ticket-race', ['ticket-race']), {
      kind: 'builtin',
      id: 'ticket-race',
    });
    assert.deepEqual(recordedLab('counter.lab.mjs', ['ticket-race']), {
      kind: 'file',
      name: 'counter.lab.mjs',
    });
    for (const bad of [
      '/etc/evil.lab.mjs',
      '../up.lab.mjs',
      'sub/dir.lab.mjs',
      'C:\\x\\win.lab.js',
      '.hidden.lab.mjs',
      'script.js',
      'ticket-race2',
      '',
    ])
      assert.equal(recordedLab(bad, ['ticket-race']).kind, 'refused', bad);
  });

  it('finds the file beside the recording first, then at a workspace root, never at /', () => {
    const rec = join(root, 'recordings');
    const ws = join(root, 'ws');
    assert.deepEqual(labFileCandidates('beside.lab.mjs', rec, [ws]), [
      join(rec, 'beside.lab.mjs'),
      join(ws, 'beside.lab.mjs'),
    ]);
    assert.deepEqual(labFileCandidates('atroot.lab.js', rec, [ws]), [join(ws, 'atroot.lab.js')]);
    assert.deepEqual(labFileCandidates('missing.lab.mjs', rec, [ws]), []);
  });
});
