import { strict as assert } from 'node:assert';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkLog } from '../../src/protocol/validateEvent';
import { parseJsonl } from '../../src/protocol/jsonl';
import { ofKind, printed, printedJson, procNames, runEnd } from '../support/events';
import { ensureBuilt } from '../support/build';
import { fixture, labProcesses, runLab, startLab } from '../support/runLab';

describe('engine: processes, files and recording', function () {
  this.timeout(60_000);

  /** The most lab processes (main, children, spares) seen while the lab's two children nap. */
  async function mostProcessesWhileNapping(declare: boolean): Promise<number> {
    await ensureBuilt();
    let spawned = 0;
    let napOver = false;
    let started!: () => void;
    const allStarted = new Promise<void>((r) => (started = r));
    // The runner hands its environment on to the lab processes.
    if (declare) process.env.SPARES_DECLARE = '1';
    const h = startLab(fixture('spares.lab.mjs'), { speed: 1 }, (events) => {
      spawned += ofKind(events, 'proc.spawn').length;
      if (spawned >= 3) started();
      if (events.some((e) => e.kind === 'proc.exit')) napOver = true;
    });
    delete process.env.SPARES_DECLARE;
    // Main and both children have spawned, and they nap: count the run's processes until a child exits.
    await allStarted;
    let most = 0;
    while (!napOver) {
      most = Math.max(most, labProcesses(h.runnerPid).length);
      await new Promise((r) => setTimeout(r, 50));
    }
    const r = await h.result;
    assert.equal(r.status, 'ok', JSON.stringify(r.done));
    assert.equal(ofKind(r.events, 'proc.spawn').length, 3);
    return most;
  }

  it('boots no spare during a run once a lab has started the processes it declared; keeps one otherwise', async () => {
    assert.equal(await mostProcessesWhileNapping(true), 3, 'main and its two children, no spare');
    assert.equal(
      await mostProcessesWhileNapping(false),
      4,
      'an undeclared lab keeps one spare ready',
    );
  });

  it('loads a learner lab file (ESM), names processes like Python, records a valid log', async () => {
    const r = await runLab(fixture('hello.lab.mjs'));
    assert.equal(r.status, 'ok');
    assert.deepEqual(checkLog(r.events), { ok: true });
    const start = r.events[0];
    assert.equal(start.kind, 'run.start');
    // Lab time 0 is run.start, however long the runner took to boot and load the lab before it.
    assert.equal(start.t, 0);
    assert.deepEqual(start.kind === 'run.start' && [start.lab, start.title.en], [
      'hello.lab.mjs',
      'Hello',
    ]);
    assert.deepEqual(
      [...procNames(r.events).entries()],
      [
        [0, 'MainProcess'],
        [1, 'Process-1'],
      ],
    );
    assert.deepEqual(printed(r.events), ['hello world from Process-1', 'child exit code 0']);
    const spawn = ofKind(r.events, 'proc.spawn')[1];
    assert.equal(spawn.parent, 0);
    assert.ok(spawn.pid > 0);
  });

  it('loads a CommonJS lab file; the random stream is seeded per process and reproducible', async () => {
    const a = await runLab(fixture('cjs-worker.lab.js'), { seed: 7 });
    const b = await runLab(fixture('cjs-worker.lab.js'), { seed: 7 });
    const c = await runLab(fixture('cjs-worker.lab.js'), { seed: 8 });
    for (const r of [a, b, c]) assert.equal(r.status, 'ok', JSON.stringify(r.done));
    type Out = {
      child: { name: string; rolls: number[] };
      main: number[];
      me: { name: string; proc: number };
    };
    const [oa, ob, oc] = [a, b, c].map((r) => printedJson<Out>(r.events));
    assert.deepEqual([oa.child, oa.main], [ob.child, ob.main]);
    assert.notDeepEqual([oa.child.rolls, oa.main], [oc.child.rolls, oc.main]);
    assert.notDeepEqual(oa.main.slice(0, 1), [oa.child.rolls[0] / 6]);
    assert.ok(oa.child.rolls.every((n) => Number.isInteger(n) && n >= 1 && n <= 6));
    assert.deepEqual([oa.me.name, oa.me.proc, oa.child.name], ['MainProcess', 0, 'Process-1']);
  });

  it('daemons are terminated when main ends; terminate(), join(timeout), isAlive(), exit codes', async () => {
    const r = await runLab(fixture('daemons.lab.mjs'), { speed: 5 });
    assert.equal(
      r.status,
      'ok',
      'main returned; the grandchild that exited with code 7 is named instead',
    );
    assert.match(runEnd(r.events).message ?? '', /1 child process failed: Process-3:1/);
    assert.deepEqual(checkLog(r.events), { ok: true });
    const out = printedJson(r.events);
    assert.deepEqual(out, {
      before: false,
      afterTimedJoin: [true, null],
      after: [false, -15],
      g: 0,
      names: ['Daemon', 'Victim', 'Process-3'],
    });
    assert.ok(printed(r.events).includes('grandchild Process-3:1 7'));
    const exits = new Map(
      ofKind(r.events, 'proc.exit').map((e) => [procNames(r.events).get(e.proc), e]),
    );
    assert.equal(exits.get('Daemon')?.reason, 'daemon');
    assert.deepEqual(
      [exits.get('Victim')?.reason, exits.get('Victim')?.signal],
      ['terminated', 'SIGTERM'],
    );
    assert.deepEqual(
      [exits.get('Process-3:1')?.code, exits.get('Process-3:1')?.reason],
      [7, 'exit'],
    );
    assert.equal(exits.get('MainProcess')?.reason, 'returned');
    // The daemon died before main exited, as Python's exit handler does it.
    assert.ok(exits.get('Daemon')!.seq < exits.get('MainProcess')!.seq);
    const joins = ofKind(r.events, 'proc.join.done').filter((e) => e.proc === 0);
    const names = procNames(r.events);
    // Main's own three joins, then, as CPython's exit handler does, a join of the terminated daemon.
    assert.deepEqual(
      joins.map((e) => [names.get(e.target), e.timedOut]),
      [
        ['Victim', true],
        ['Victim', false],
        ['Process-3', false],
        ['Daemon', false],
      ],
    );
    const exitJoin = ofKind(r.events, 'proc.join.wait').filter((e) => e.proc === 0)[3];
    assert.ok(
      exitJoin.seq > ofKind(r.events, 'log').at(-1)!.seq,
      'after main printed its last line',
    );
    assert.equal(ofKind(r.events, 'proc.terminate').length, 1);
    assert.deepEqual(labProcesses(r.runnerPid), []);
  });

  it('writes the JSONL log as it goes; maxEvents stops a run with run.limit', async () => {
    const file = join(tmpdir(), `engine-test-${process.pid}.jsonl`);
    try {
      const r = await runLab(fixture('counter-locked.lab.mjs'), {
        speed: 20,
        maxEvents: 200,
        eventsFile: file,
      });
      assert.equal(r.status, 'stopped');
      assert.deepEqual(checkLog(r.events), { ok: true });
      const limit = ofKind(r.events, 'run.limit')[0];
      assert.equal(limit.what, 'events');
      assert.match(runEnd(r.events).message ?? '', /200 events/);
      const parsed = parseJsonl(readFileSync(file, 'utf8'));
      assert.deepEqual(parsed.errors, []);
      assert.equal(parsed.events.length, r.events.length);
      assert.equal(r.done.eventsFile, file);
      assert.deepEqual(labProcesses(r.runnerPid), []);
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('an unknown lab or a missing file is a fatal message, not a crash', async () => {
    const a = await runLab('no-such-lab');
    assert.equal(a.done.by, 'fatal');
    assert.match(a.done.message ?? '', /unknown lab "no-such-lab"/);
    const b = await runLab(fixture('missing.lab.mjs'));
    assert.equal(b.done.by, 'fatal');
    assert.match(b.done.message ?? '', /not found/);
    // In the run's language: a Chinese UI shows the runner's refusal as it comes.
    const c = await runLab(fixture('missing.lab.mjs'), { lang: 'zh-CN' });
    assert.equal(c.done.by, 'fatal');
    assert.match(c.done.message ?? '', /^找不到实验文件：.*missing\.lab\.mjs$/);
    const d = await runLab('no-such-lab', { lang: 'zh-CN' });
    assert.match(d.done.message ?? '', /^没有名为“no-such-lab”的实验。内置实验：ticket-race, /);
  });

  it('run.end messages follow the run language', async () => {
    const r = await runLab(fixture('exit3.lab.mjs'), { lang: 'zh-CN' });
    // Main's name as the Chinese UI says it, without a stray space before the Chinese words.
    assert.equal(runEnd(r.events).message, '主进程以退出码 3 退出');
  });
});
