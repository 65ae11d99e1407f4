/**
 * No Python process of a run writes bytecode into the extension's folders: the runtime
 * (dist/python, whose modules are imported when a script first makes a Lock, a Queue, a Value, a
 * Pipe, …) and the built-in Python labs (dist/labs/python, whose scripts import helper modules of
 * their own). The runs use a copy of the built bundles, so that nothing left over from another run
 * can hide or fake a __pycache__ folder. The runtime's own modules are kept compiled in a private
 * folder of the user's instead (src/runner/pythonCache.ts), never in one others may write to.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, ensureBuilt } from '../support/build';
import { cleanup, PYTHON, tempFolder } from '../support/python';

/** Every __pycache__ folder under `dir`. */
function caches(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
    (path) => path.split(/[\\/]/).at(-1) === '__pycache__',
  );
}

function cli(bundle: string, cwd: string, args: string[], cache = tempFolder('cl-pyc-')) {
  const r = spawnSync(process.execPath, [join(bundle, 'cli.js'), 'run', ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
    env: {
      ...process.env,
      NO_COLOR: '1',
      PYTHONDONTWRITEBYTECODE: '',
      CONCURRENCY_LABS_PY_CACHE: cache,
    },
  });
  return { code: r.status, out: `${r.stdout}\n${r.stderr}` };
}

const HELPER = 'def twice(x):\n    return 2 * x\n';

// A child under spawn (a fresh interpreter, which loads the runtime again) and one under fork,
// each using every kind of object, so that every module of the runtime is imported.
const SCRIPT = `import multiprocessing as mp
from helper import twice


def child(q, v, end, lock, sem, cond):
    with lock, sem, cond:
        v.value += 1
    end.send(twice(21))
    q.put(v.value)


if __name__ == '__main__':
    for method in ('spawn', 'fork'):
        ctx = mp.get_context(method)
        q, v, lock, sem, cond = ctx.Queue(), ctx.Value('i', 1), ctx.Lock(), ctx.Semaphore(), ctx.Condition()
        mine, theirs = ctx.Pipe()
        p = ctx.Process(target=child, args=(q, v, theirs, lock, sem, cond))
        p.start()
        print(method, mine.recv(), q.get())
        p.join()
`;

describe('Python runs write no bytecode into the extension', function () {
  this.timeout(300_000);
  let bundle = '';
  before(async function () {
    if (!PYTHON) return this.skip();
    await ensureBuilt();
    bundle = join(tempFolder('cl-bundle-'), 'dist');
    cpSync(DIST, bundle, { recursive: true });
    // Runs made before this fix may have left some in the built bundle: the copy starts without.
    for (const path of caches(bundle)) rmSync(join(bundle, path), { recursive: true, force: true });
  });
  after(cleanup);

  it("a script of the user's using every kind of object: none in the bundle at all", () => {
    const dir = tempFolder();
    writeFileSync(join(dir, 'helper.py'), HELPER);
    writeFileSync(join(dir, 'main.py'), SCRIPT);
    const r = cli(bundle, dir, [join(dir, 'main.py'), '--speed', '10']);
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /spawn 42 2/);
    assert.match(r.out, /fork 42 2/);
    assert.deepEqual(caches(bundle), []);
  });

  it('a built-in Python lab importing its helper module: none in the bundle at all', () => {
    const r = cli(bundle, tempFolder(), ['python-producer-consumer-sentinel', '--speed', '20']);
    assert.equal(r.code, 0, r.out);
    assert.deepEqual(caches(bundle), []);
  });

  it("keeps the runtime's modules compiled in the private cache folder, and recompiles a damaged one", () => {
    const dir = tempFolder();
    const cache = tempFolder('cl-pyc-');
    writeFileSync(join(dir, 'helper.py'), HELPER);
    writeFileSync(join(dir, 'main.py'), SCRIPT);
    const first = cli(bundle, dir, [join(dir, 'main.py'), '--speed', '10'], cache);
    assert.equal(first.code, 0, first.out);
    const kept = readdirSync(cache).sort();
    for (const module of ['boot', 'runtime', 'wire', 'sync', 'queues', 'pipes', 'sharedvalues'])
      assert.ok(
        kept.some((name) => name.startsWith(`concurrency_labs.${module}-`)),
        `${module} not kept: ${kept.join(', ')}`,
      );
    assert.ok(
      kept.every((name) => name.endsWith('.pyc')),
      `unfinished files left: ${kept.join(', ')}`,
    );
    assert.ok(!kept.some((name) => name.startsWith('helper') || name.startsWith('main')));
    for (const name of kept) writeFileSync(join(cache, name), 'not bytecode');
    const again = cli(bundle, dir, [join(dir, 'main.py'), '--speed', '10'], cache);
    assert.equal(again.code, 0, again.out);
    assert.match(again.out, /spawn 42 2/);
    assert.deepEqual(readdirSync(cache).sort(), kept);
    for (const name of kept)
      assert.notEqual(readFileSync(join(cache, name), 'utf8'), 'not bytecode');
    assert.deepEqual(caches(bundle), []);
  });

  it('keeps nothing in a cache folder that other users may write to', () => {
    const cache = tempFolder('cl-pyc-');
    chmodSync(cache, 0o777);
    const dir = tempFolder();
    writeFileSync(join(dir, 'helper.py'), HELPER);
    writeFileSync(join(dir, 'main.py'), SCRIPT);
    const r = cli(bundle, dir, [join(dir, 'main.py'), '--speed', '10'], cache);
    assert.equal(r.code, 0, r.out);
    assert.deepEqual(readdirSync(cache), []);
  });
});
