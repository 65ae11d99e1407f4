/**
 * What each development bundle carries: the extension, the runner and the CLI hold no lab code and
 * no runtime; the lab host holds the runtime but no lab code; each built-in lab's bundle holds its
 * own code and takes the runtime from 'concurrency-labs', as a learner's lab file does. (The
 * production bundles are checked the same way in package.test.ts.)
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinLabFile, LAB_IDS } from '../../src/labs/info/builtinLabs';
import { labAndRuntimeCodeIn, LAB_CODE_MARKERS, RUNTIME_MARKER } from '../support/bundleMarkers';
import { DIST, ensureBuilt } from '../support/build';

describe('bundles', function () {
  this.timeout(120_000);
  before(ensureBuilt);

  for (const file of ['extension.js', 'runner.js', 'cli.js', 'labAnalysis.js']) {
    it(`dist/${file} holds no lab code and no runtime`, () => {
      assert.deepEqual(labAndRuntimeCodeIn(DIST, file), []);
      // Unminified, the labs' function names would show too.
      const text = readFileSync(join(DIST, file), 'utf8');
      for (const name of ['grabTicketLocked', 'eatUntilNone', 'eatAndMarkDone'])
        assert.ok(!text.includes(name), `${file} holds ${name}`);
    });
  }

  it("dist/runner.js leaves the labs' analysis to dist/labAnalysis.js, which it loads", () => {
    // A sentence of a lab's narration marks its analysis.
    const narration = 'No ticket was sold in this run.';
    assert.ok(readFileSync(join(DIST, 'labAnalysis.js'), 'utf8').includes(narration));
    assert.ok(!readFileSync(join(DIST, 'runner.js'), 'utf8').includes(narration));
  });

  it('dist/labhost.js holds the runtime and no lab code', () => {
    assert.deepEqual(labAndRuntimeCodeIn(DIST, 'labhost.js'), [RUNTIME_MARKER.source]);
  });

  for (const id of LAB_IDS) {
    it(`dist/${builtinLabFile(id)} holds its own code and imports the runtime`, () => {
      const text = readFileSync(join(DIST, builtinLabFile(id)), 'utf8');
      assert.match(text, LAB_CODE_MARKERS[id]);
      assert.doesNotMatch(text, RUNTIME_MARKER);
      assert.match(text, /^import \{[^}]*\bdefineLab\b[^}]*\} from "concurrency-labs";$/m);
      assert.match(text, /^export \{[^}]*\bdefault\b/m);
    });
  }
});
