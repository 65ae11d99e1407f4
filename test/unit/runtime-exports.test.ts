/**
 * The names shared memory, pipes and SimpleQueue added to the lab API reach all three of its
 * faces: src/runtime/index.ts, the generated dist/runtime.mjs a lab file imports, and the
 * editor's typings (dist/types/concurrency-labs.d.ts). (build.test.ts holds the first two to the
 * same list.)
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as runtime from '../../src/runtime/index';
import { DIST, ensureBuilt } from '../support/build';

const NAMES = [
  'Value',
  'Array',
  'Pipe',
  'Connection',
  'SimpleQueue',
  'parentProcess',
  'IndexError',
  'EOFError',
  'OSError',
  'BrokenPipeError',
];

describe('the lab API lists Value, Array, Pipe, SimpleQueue and parentProcess', function () {
  this.timeout(120_000);
  before(() => ensureBuilt());

  it('in index.ts, in the generated runtime.mjs and in the typings', () => {
    const shim = readFileSync(join(DIST, 'runtime.mjs'), 'utf8');
    const exported = /export const \{([^}]*)\} = runtime;/.exec(shim)?.[1].split(/,\s*/) ?? [];
    const typings = readFileSync(join(DIST, 'types', 'concurrency-labs.d.ts'), 'utf8');
    for (const name of NAMES) {
      assert.ok(name in runtime, `index.ts exports ${name}`);
      assert.ok(exported.map((s) => s.trim()).includes(name), `runtime.mjs exports ${name}`);
      assert.match(typings, new RegExp(`\\b${name}\\b`), `the typings declare ${name}`);
    }
    // Array is the lab API's shared array, not the global it shadows in a lab file.
    assert.notEqual((runtime as Record<string, unknown>).Array, globalThis.Array);
  });
});
