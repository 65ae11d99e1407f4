/**
 * Which labs a run may name, by the one lab-file rule (src/labs/info/labFile.ts) that the runner,
 * the CLI and the extension share: a built-in id (found as its bundle) or a `*.lab.mjs` /
 * `*.lab.js` file, never any other script.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from '../../src/cli/args';
import { inPythonWords } from '../../src/labs/info/pythonWords';
import { builtinLab } from '../../src/labs/analysis/catalog';
import { resolveLab } from '../../src/runner/labInfo';
import { DIST, ensureBuilt } from '../support/build';

describe('which labs a run may name', function () {
  this.timeout(120_000);
  let dir = '';
  before(async () => {
    await ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'cl-labinfo-'));
    for (const name of ['mine.lab.mjs', 'mine.lab.js', 'script.js', 'script.mjs', 'old.lab.cjs'])
      writeFileSync(join(dir, name), 'export default 1;\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('the runner finds a built-in lab as its bundle, with its info and analysis', () => {
    const lab = resolveLab('ticket-race', DIST);
    assert.ok(!('error' in lab), JSON.stringify(lab));
    assert.equal(lab.spec, join(DIST, 'labs', 'ticket-race.lab.mjs'));
    assert.equal(lab.label, 'ticket-race');
    assert.equal(lab.builtin?.processes, 10);
    assert.equal(typeof lab.builtin?.narrate, 'function');
  });

  it("the runner finds a built-in Python lab as its script, run in the run's folder with its linked lab's analysis", () => {
    const lab = resolveLab('python-ticket-race', DIST);
    assert.ok(!('error' in lab), JSON.stringify(lab));
    const script = join(DIST, 'labs', 'python', 'ticket_race.py');
    assert.equal(lab.spec, script);
    assert.deepEqual(lab.python, { script });
    assert.equal(lab.label, 'python-ticket-race');
    assert.equal(lab.title.en, 'Ticket race (no lock) (Python)');
    const linked = builtinLab('ticket-race')!;
    assert.equal(lab.builtin?.outcome, linked.outcome);
    // The linked lab's words, with Python's names of calls (pythonWords.ts).
    assert.equal(lab.builtin, builtinLab('python-ticket-race'));
    const outcome = { tickets: 1, sold: 3 };
    assert.deepEqual(lab.builtin?.narrate(outcome, []), inPythonWords(linked.narrate(outcome, [])));
    assert.deepEqual(lab.builtin?.check?.(outcome), inPythonWords(linked.check!(outcome)!));
    assert.deepEqual(lab.description, inPythonWords(linked.description));
  });

  it('the runner says so when a built-in lab has no bundle', () => {
    const lab = resolveLab('ticket-race', dir);
    assert.ok('error' in lab);
    assert.match(lab.error, /"ticket-race" is missing its bundle/);
    // In the run's language.
    const zh = resolveLab('ticket-race', dir, 'zh-CN');
    assert.ok('error' in zh);
    assert.match(zh.error, /^内置实验“ticket-race”缺少它的程序包 /);
    const named = resolveLab(join(dir, 'notes.txt'), DIST, 'zh-CN');
    assert.ok('error' in named);
    assert.match(named.error, /^实验文件的名字应以 .*\.py 结尾：/);
  });

  it('the runner takes *.lab.mjs and *.lab.js files and refuses other scripts', () => {
    for (const name of ['mine.lab.mjs', 'mine.lab.js']) {
      const lab = resolveLab(join(dir, name), DIST);
      assert.ok(!('error' in lab) && lab.label === name, JSON.stringify(lab));
    }
    for (const name of ['script.js', 'script.mjs', 'old.lab.cjs']) {
      const lab = resolveLab(join(dir, name), DIST);
      assert.ok('error' in lab, name);
      assert.match(lab.error, /a lab file's name ends in \.lab\.mjs \/ \.lab\.js/);
    }
  });

  it('the CLI refuses other scripts before starting a run, by the same rule', () => {
    const env = { LANG: 'en_US.UTF-8' };
    assert.ok(parseArgs(['run', 'mine.lab.js'], env, dir).ok);
    for (const name of ['script.js', 'script.mjs', 'old.lab.cjs']) {
      const p = parseArgs(['run', name], env, dir);
      assert.ok(!p.ok, name);
      if (!p.ok)
        assert.match(p.error.en, /a lab file's name ends in \.lab\.mjs, \.lab\.js or \.py/);
    }
  });

  it('a Python script runs in its own folder; a missing one is refused by the CLI and the runner', () => {
    const script = join(dir, 'tickets.py');
    writeFileSync(script, 'print(1)\n');
    const lab = resolveLab(script, DIST);
    assert.ok(!('error' in lab), JSON.stringify(lab));
    assert.deepEqual(lab.python, { script, cwd: dir });
    assert.equal(lab.label, 'tickets.py');
    const parsed = parseArgs(['run', 'tickets.py', '--python', 'python3.11'], {}, dir);
    assert.ok(parsed.ok && parsed.command.cmd === 'run');
    if (parsed.ok && parsed.command.cmd === 'run') {
      assert.equal(parsed.command.opts.lab, script);
      assert.equal(parsed.command.opts.python, 'python3.11');
    }
    const fromEnv = parseArgs(['run', 'tickets.py'], { CONCURRENCY_LABS_PYTHON: '/opt/py' }, dir);
    assert.ok(
      fromEnv.ok && fromEnv.command.cmd === 'run' && fromEnv.command.opts.python === '/opt/py',
    );
    const missing = parseArgs(['run', 'gone.py'], {}, dir);
    assert.ok(!missing.ok && /the script gone\.py does not exist/.test(missing.error.en));
    const gone = resolveLab(join(dir, 'gone.py'), DIST);
    assert.ok('error' in gone && /script not found/.test(gone.error));
  });
});
