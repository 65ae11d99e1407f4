/**
 * The Python runtime (python/concurrency_labs): a script's own multiprocessing, started by
 * Python under each start method, brokered by the runner. CPython is the judge: the tour
 * fixture prints one RESULT line that plain python3 prints too, and the two must be equal; the
 * events must show what happened, process by process.
 */
import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabEvent } from '../../src/protocol/events';
import { checkLog } from '../../src/protocol/validateEvent';
import { siteStats } from '../../src/model/siteStats';
import { ofKind, printed, procNames, runEnd } from '../support/events';
import { cleanup, copyFixture, plainPython, PYTHON, tempFolder } from '../support/python';
import { runLab } from '../support/runLab';

const METHODS = ['fork', 'spawn', 'forkserver'] as const;

const resultLine = (lines: readonly string[]) => {
  const line = lines.find((t) => t.startsWith('RESULT '));
  assert.ok(line, `no RESULT line in: ${lines.join(' | ').slice(0, 2000)}`);
  return JSON.parse(line.slice('RESULT '.length)) as Record<string, unknown>;
};

function byName(events: readonly LabEvent[], name: string): number {
  for (const [proc, n] of procNames(events)) if (n === name) return proc;
  assert.fail(`no process named ${name}`);
}

describe('Python scripts, brokered', function () {
  this.timeout(300_000);
  before(function () {
    if (!PYTHON) this.skip();
  });
  after(cleanup);

  for (const method of METHODS) {
    it(`every patched API behaves as in plain python3 under ${method}, and shows in the log`, async () => {
      const dir = tempFolder();
      const script = copyFixture('api_tour.py', dir, `api_tour.${method}.py`);
      const plain = await plainPython(script, dir);
      assert.equal(plain.code, 0);
      const expected = resultLine(plain.out.split('\n'));
      assert.equal(expected.method, method);
      const { events } = await runLab(script, { seed: 5, speed: 10 });
      const valid = checkLog(events);
      assert.ok(valid.ok, valid.ok ? '' : valid.error);
      const end = runEnd(events);
      assert.equal(end.status, 'ok', end.message);
      // kill() is SIGKILL in Python; the runner records it as a terminate, the exit code is Python's.
      assert.deepEqual(resultLine(printed(events)), expected);

      const names = procNames(events);
      assert.equal(names.get(0), 'MainProcess');
      const spawns = ofKind(events, 'proc.spawn');
      assert.equal(spawns.length, 11, 'main and its ten children');
      for (const s of spawns.slice(1)) {
        assert.equal(s.parent, 0);
        assert.ok(s.pid > 0);
      }
      // The lock excluded: main waited until the child released it.
      const child = spawns[1].proc;
      const acquires = ofKind(events, 'lock.acquire');
      assert.deepEqual(
        acquires.slice(0, 2).map((e) => e.proc),
        [child, 0],
      );
      const release = ofKind(events, 'lock.release').find((e) => e.proc === child);
      assert.ok(release && release.seq < acquires[1].seq, 'main got the lock after the release');
      assert.ok(acquires[1].waitedUs > 0);
      assert.ok(ofKind(events, 'lock.timeout').some((e) => e.proc === 0));
      // Queue items: JSON values as they are, others by their repr.
      const puts = ofKind(events, 'queue.put');
      assert.ok(
        puts.some(
          (e) =>
            JSON.stringify(e.value) === JSON.stringify({ $preview: "(1, 'tuple')", $size: -1 }),
        ),
      );
      assert.ok(puts.some((e) => JSON.stringify(e.value) === JSON.stringify({ k: [1, 2] })));
      assert.ok(ofKind(events, 'queue.full').length >= 2);
      assert.ok(ofKind(events, 'queue.empty').length >= 2);
      const echo = byName(events, 'Echo');
      assert.deepEqual(
        ofKind(events, 'queue.get')
          .filter((e) => e.proc === echo)
          .map((e) => e.value),
        ['a', 2, null],
      );
      assert.equal(ofKind(events, 'queue.join.done').length, 2);
      // print and stderr lines are log events of the process that wrote them.
      const named = byName(events, 'Named');
      assert.ok(printed(events.filter((e) => e.proc === named)).includes('to stderr'));
      const workLines = events.filter((e) => e.kind === 'log' && /^worked on /.test(e.text));
      assert.equal(workLines.length, 4);
      // Exits: terminated, a daemon ended with main, the failing child with its error.
      const exits = new Map(ofKind(events, 'proc.exit').map((e) => [e.proc, e]));
      assert.equal(exits.size, 11);
      assert.equal(ofKind(events, 'proc.terminate').length, 3);
      const reasons = [...exits.values()].map((e) => e.reason).sort();
      assert.deepEqual(reasons, [
        'daemon',
        'error',
        'error',
        'returned',
        'returned',
        'returned',
        'returned',
        'returned',
        'terminated',
        'terminated',
        'terminated',
      ]);
      const error = ofKind(events, 'error')[0];
      assert.equal(error.message, "KeyError: 'boom'");
      assert.equal(error.file, script);
      // The shared file: a child's write and main's read, with their values.
      const write = ofKind(events, 'file.write').find((e) => e.proc !== 0);
      assert.deepEqual(write?.value, { n: 1 });
      const read = ofKind(events, 'file.read').find((e) => e.proc === 0);
      assert.deepEqual(read?.value, { n: 1 });
      assert.ok(ofKind(events, 'sleep.begin').some((e) => e.proc === 0 && e.sec === 0.2));
    });
  }

  it('random is seeded per process from the run seed, unless the script seeds it', async () => {
    const dir = tempFolder();
    const script = join(dir, 'draws.py');
    writeFileSync(
      script,
      [
        'import multiprocessing as mp, random',
        'def child(q):',
        '    q.put(random.random())',
        "if __name__ == '__main__':",
        '    q = mp.Queue()',
        '    ps = [mp.Process(target=child, args=(q,)) for _ in range(2)]',
        '    for p in ps: p.start()',
        '    draws = sorted([q.get(), q.get()])',
        '    mine = random.random()',
        '    random.seed(42)',
        "    print('DRAWS', draws, mine, random.random())",
        '',
      ].join('\n'),
    );
    const draws = async (seed: number) => {
      const { events } = await runLab(script, { seed, speed: 10 });
      const line = printed(events).find((t) => t.startsWith('DRAWS '));
      assert.ok(line, printed(events).join(' | '));
      return line;
    };
    const a = await draws(11);
    assert.equal(await draws(11), a, 'the same seed draws the same numbers');
    const b = await draws(12);
    assert.notEqual(b, a, 'another seed draws others');
    const [, x, y, mine, seeded] = /\[(\S+), (\S+)\] (\S+) (\S+)/.exec(a) ?? [];
    assert.notEqual(x, y, 'each child its own stream');
    assert.notEqual(mine, x);
    // random.seed(42) in the script wins: what plain Python draws after it.
    assert.equal(seeded, String(0.6394267984578837));
    assert.equal(/ (\S+)$/.exec(b)?.[1], seeded);
  });

  it('a read of a half-written JSON file is a torn read: the event and the JSONDecodeError', async () => {
    const dir = tempFolder();
    const script = join(dir, 'torn.py');
    writeFileSync(
      script,
      [
        'import json, multiprocessing as mp',
        'def half_write(ready, done):',
        "    f = open('data.json', 'w')",
        "    f.write('{\"ticket')",
        '    f.flush()',
        "    ready.put('half')",
        '    done.get()',
        "    f.write('_num\": 0}')",
        '    f.close()',
        "if __name__ == '__main__':",
        '    ready, done = mp.Queue(), mp.Queue()',
        '    p = mp.Process(target=half_write, args=(ready, done))',
        '    p.start()',
        '    ready.get()',
        '    try:',
        "        json.load(open('data.json'))",
        '    except json.JSONDecodeError as err:',
        "        print('torn:', type(err).__name__)",
        "    done.put('go')",
        '    p.join()',
        "    print('then:', json.load(open('data.json')))",
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'data.json'), '{"ticket_num": 1}');
    const { events } = await runLab(script, { seed: 1, speed: 10 });
    assert.equal(runEnd(events).status, 'ok');
    assert.deepEqual(printed(events), ['torn: JSONDecodeError', "then: {'ticket_num': 0}"]);
    const reads = ofKind(events, 'file.read');
    assert.equal(reads.length, 2);
    assert.match(reads[0].error ?? '', /^JSONDecodeError: /);
    assert.equal(reads[0].raw, '{"ticket');
    assert.deepEqual(reads[1].value, { ticket_num: 0 });
    assert.deepEqual(
      ofKind(events, 'file.write').map((e) => e.value),
      [{ ticket_num: 0 }],
    );
    assert.ok(ofKind(events, 'diag').some((d) => d.code === 'torn-read'));
  });

  it('what is not brokered yet (Manager) still works beside what is (Event, Condition, Barrier, Semaphore, Pool, ProcessPoolExecutor)', async () => {
    const dir = tempFolder();
    const script = copyFixture('natives.py', dir);
    const { events } = await runLab(script, { seed: 1, speed: 10 });
    assert.equal(runEnd(events).status, 'ok', runEnd(events).message);
    assert.deepEqual(printed(events), [
      'woke',
      '[0, 1, 4, 9, 16]',
      'executor [0, 1, 4]',
      'manager 1',
    ]);
    // The Pool's and the executor's tasks ran on their workers' lanes.
    assert.equal(ofKind(events, 'pool.create').length, 2);
    assert.equal(ofKind(events, 'pool.start').length, 5 + 3);
  });

  it('a script without multiprocessing is one process, and its output is its log', async () => {
    const dir = tempFolder();
    const script = join(dir, 'plain.py');
    writeFileSync(script, "import time\nprint('one')\ntime.sleep(0.5)\nprint('two')\n");
    const { events } = await runLab(script, { seed: 1, speed: 10 });
    assert.equal(runEnd(events).status, 'ok');
    assert.deepEqual(printed(events), ['one', 'two']);
    assert.equal(ofKind(events, 'proc.spawn').length, 1);
    assert.deepEqual(
      ofKind(events, 'sleep.begin').map((e) => e.sec),
      [0.5],
    );
  });

  it("a child's start is counted at its start() line, as in a JavaScript lab; a Pool's workers at none", async () => {
    const dir = tempFolder();
    const script = join(dir, 'starts.py');
    const code = [
      'from multiprocessing import Pool, Process',
      '',
      'def work(n):',
      '    return n * n',
      '',
      "if __name__ == '__main__':",
      '    workers = [Process(target=work, args=(n,)) for n in range(3)]',
      '    for w in workers:',
      '        w.start()',
      '    for w in workers:',
      '        w.join()',
      '    with Pool(2) as pool:',
      '        print(pool.map(work, [1, 2]))',
      '',
    ];
    writeFileSync(script, code.join('\n'));
    const { events } = await runLab(script, { seed: 1, speed: 10 });
    assert.equal(runEnd(events).status, 'ok');
    const startLine = code.indexOf('        w.start()') + 1;
    const sites = new Map(ofKind(events, 'site').map((e) => [e.id, e]));
    const children = ofKind(events, 'proc.spawn').filter((e) => e.parent >= 0);
    const lineOf = (e: { site?: number }) => (e.site ? sites.get(e.site)?.line : undefined);
    const plain = children.filter((e) => /^Process-\d+$/.test(e.name));
    assert.deepEqual(
      plain.map(lineOf),
      [startLine, startLine, startLine],
      JSON.stringify(children),
    );
    assert.ok(plain.length < children.length, 'the pool started its workers too');
    assert.deepEqual(
      children.filter((e) => !plain.includes(e)).map(lineOf),
      children.filter((e) => !plain.includes(e)).map(() => undefined),
    );
    // So the editor's line says "3 calls", not "0 calls".
    const line = [...siteStats(events).values()].find((x) => x.line === startLine);
    assert.deepEqual([line?.call, line?.calls], ['process.start()', 3]);
  });

  it('time.sleep never ends early: each sleep of a loop lasts at least its length after its call', async () => {
    // Python's guarantee (since 3.5): a sleep is never shorter than asked. At speed 1 the
    // script's own clock can check it, however busy the machine and however the runner counts.
    const dir = tempFolder();
    const script = join(dir, 'sleeps.py');
    writeFileSync(
      script,
      [
        'import time',
        'short = []',
        'for i in range(8):',
        '    t = time.monotonic()',
        '    time.sleep(0.03)',
        '    if time.monotonic() - t < 0.03:',
        '        short.append(i)',
        "print('short', short)",
        '',
      ].join('\n'),
    );
    const { events } = await runLab(script, { seed: 1, speed: 1 });
    assert.equal(runEnd(events).status, 'ok');
    assert.deepEqual(printed(events), ['short []']);
  });

  it('a missing or too old interpreter is refused with a message that says how to set one', async () => {
    const dir = tempFolder();
    const script = join(dir, 'plain.py');
    writeFileSync(script, "print('one')\n");
    const missing = await runLab(script, { python: join(dir, 'no-such-python') });
    assert.equal(missing.done.by, 'fatal');
    assert.match(
      missing.done.message ?? '',
      /no Python interpreter found .*concurrencyLabs\.pythonPath/,
    );
    const old = join(dir, 'old-python');
    writeFileSync(old, '#!/bin/sh\necho 3.7.9\n', { mode: 0o755 });
    const tooOld = await runLab(script, { python: old });
    assert.equal(tooOld.done.by, 'fatal');
    assert.match(
      tooOld.done.message ?? '',
      /is Python 3\.7\.9; Python scripts need Python 3\.9 or later/,
    );
  });

  it('a working interpreter is started once per run: its version is not checked beside it', async () => {
    const dir = tempFolder();
    const script = join(dir, 'plain.py');
    writeFileSync(script, "print('one')\n");
    // An interpreter that notes every start, then runs python3.
    const calls = join(dir, 'calls.txt');
    const noting = join(dir, 'noting-python');
    writeFileSync(noting, `#!/bin/sh\necho "$@" >> '${calls}'\nexec ${PYTHON} "$@"\n`, {
      mode: 0o755,
    });
    // However slowly a loaded machine starts Python, the silence that would start a check is
    // not reached: what is tested is that nothing checks the interpreter beside the script.
    process.env.CONCURRENCY_LABS_PY_SILENT_MS = '600000';
    let r;
    try {
      r = await runLab(script, { python: noting });
    } finally {
      delete process.env.CONCURRENCY_LABS_PY_SILENT_MS;
    }
    const { events, done } = r;
    assert.equal(done.by, 'done');
    assert.deepEqual(printed(events), ['one']);
    assert.deepEqual(readFileSync(calls, 'utf8').trim().split('\n'), [script]);
  });

  it('an interpreter that stays silent is checked, and a too old one ends the run', async () => {
    const dir = tempFolder();
    const script = join(dir, 'plain.py');
    writeFileSync(script, "print('one')\n");
    // Answers the version check; started as the script's interpreter, it never says ready.
    const silent = join(dir, 'silent-python');
    writeFileSync(silent, '#!/bin/sh\n[ "$1" = -S ] && exec echo 3.8.1\nexec sleep 60\n', {
      mode: 0o755,
    });
    const { done } = await runLab(script, { python: silent, timeoutSec: 50 });
    assert.equal(done.by, 'fatal');
    assert.match(done.message ?? '', /is Python 3\.8\.1; Python scripts need Python 3\.9 or later/);
  });
});
