/**
 * No Python process of a run writes bytecode into the extension's folders: the runtime
 * (dist/python, whose modules are imported when a script first makes a Lock, a Queue, a Value, a
 * Pipe, …) and the built-in Python labs (dist/labs/python, whose scripts import helper modules of
 * their own). The runs use a copy of the built bundles, so that nothing left over from another run
 * can hide or fake a __pycache__ folder.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, ensureBuilt } from '../support/build';
import { cleanup, PYTHON, tempFolder } from '../support/python';

/** Every __pycache__ folder under `dir`. */
function caches(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
    (path) => path.split(/[\\/]/).at(-1) === '__pycache__',
  );
}

function cli(bundle: string, cwd: string, args: string[]) {
  const r = spawnSync(process.execPath, [join(bundle, 'cli.js'), 'run', ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, NO_COLOR: '1', PYTHONDONTWRITEBYTECODE: '' },
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
});
