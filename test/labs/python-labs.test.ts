/**
 * The built-in Python labs (src/labs/python), run for real by python3 through the runner, tell
 * the story of the JavaScript lab they link to: the runner applies that lab's outcome, check and
 * narration to their logs, in both languages.
 */
import { strict as assert } from 'node:assert';
import { builtinLab } from '../../src/labs/analysis/catalog';
import { LAB_IDS } from '../../src/labs/info/builtinLabs';
import { PYTHON_LAB_INFOS } from '../../src/labs/info/pythonLabs';
import { inPythonWords } from '../../src/labs/info/pythonWords';
import type { LabEvent } from '../../src/protocol/events';
import { ofKind, runEnd } from '../support/events';
import { PYTHON } from '../support/python';
import { runLab } from '../support/runLab';

const SPEED = 20;

/** A run of `lab` that ended by itself, with the linked analysis checked against its log. */
async function run(lab: string, seed: number, lang: 'en' | 'zh-CN' = 'en') {
  const { events } = await runLab(lab, { seed, speed: SPEED, lang });
  const end = runEnd(events);
  assert.equal(end.status, 'ok', `${lab} seed ${seed}: ${end.message}`);
  assertLinkedAnalysis(lab, events);
  return { events, end };
}

/**
 * run.start has the catalog's title and description; run.end's outcome, verdict and narration
 * are those of the JavaScript lab's analysis over this very log, in English and Chinese.
 */
function assertLinkedAnalysis(lab: string, events: readonly LabEvent[]): void {
  const info = PYTHON_LAB_INFOS.find((l) => l.id === lab)!;
  const linked = builtinLab(info.python!.analysis)!;
  const [start] = ofKind(events, 'run.start');
  assert.equal(start.lab, lab);
  assert.deepEqual(start.title, {
    en: `${linked.title.en} (Python)`,
    'zh-CN': `${linked.title['zh-CN']}（Python）`,
  });
  // The JavaScript lab's words, naming Python's calls (get_nowait, task_done) as the script does.
  assert.deepEqual(start.narration, inPythonWords(linked.description));
  const end = runEnd(events);
  const outcome = linked.outcome(events);
  assert.deepEqual(end.outcome, outcome);
  const why = linked.check?.(outcome);
  assert.deepEqual(end.failure, why && inPythonWords(why));
  assert.equal(end.verdict, end.failure ? 'fail' : 'pass');
  assert.deepEqual(end.narration, inPythonWords(linked.narrate(outcome, events)));
  for (const text of [start.narration!, end.narration!])
    assert.doesNotMatch(`${text.en} ${text['zh-CN']}`, /getNowait|putNowait|taskDone/);
  assert.ok(end.narration!.en.length > 40 && end.narration!['zh-CN'].length > 20);
  assert.match(end.narration!['zh-CN'], /[\u4e00-\u9fff]/, 'the Chinese narration is Chinese');
}

const outcomeOf = (end: { outcome?: unknown }) => end.outcome as Record<string, unknown>;

describe('the built-in Python labs', function () {
  this.timeout(600_000);
  before(function () {
    if (!PYTHON) this.skip();
  });

  it("link to the seed's six JavaScript labs by id, in their order, then to pool-map", () => {
    assert.deepEqual(
      PYTHON_LAB_INFOS.map((l) => [l.id, l.python?.analysis]),
      [...LAB_IDS.slice(0, 6), 'pool-map'].map((id) => [`python-${id}`, id]),
    );
    assert.deepEqual(LAB_IDS.slice(0, 2), ['ticket-race', 'ticket-lock']);
  });

  it('python-ticket-race: ten buyers oversell the one ticket in most seeds; the check fails them', async () => {
    let oversold = 0;
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const { events, end } = await run('python-ticket-race', seed);
      assert.equal(ofKind(events, 'proc.spawn').length, 11);
      const { tickets, sold } = outcomeOf(end);
      assert.equal(tickets, 1);
      // Each sale is a buyer's write of data.json (main's first write opens the shop).
      const writes = ofKind(events, 'file.write').filter((e) => e.proc > 0);
      assert.equal(sold, writes.length);
      if ((sold as number) >= 2) {
        oversold++;
        assert.equal(end.verdict, 'fail');
        assert.match(end.failure!.en, /^oversold: \d+ tickets sold, but there was only 1$/);
        assert.match(end.narration!.en, /^One ticket, \d+ sales\./);
        // It points to the fix among the Python labs.
        assert.match(end.narration!.en, /hold a Lock around buying \(lab python-ticket-lock\)\.$/);
        assert.match(end.narration!['zh-CN'], /（见实验 python-ticket-lock）。$/);
      }
    }
    assert.ok(oversold >= 5, `oversold in ${oversold} of 8 seeds`);
  });

  it('python-ticket-lock: exactly one ticket is sold, with the lock waiters visible', async () => {
    for (const seed of [1, 2, 3]) {
      const { events, end } = await run('python-ticket-lock', seed, seed === 3 ? 'zh-CN' : 'en');
      // The search reads outside the lock (as the seed's program does), so a buyer may still
      // crash on a torn read now and then (the outcome then counts it): the sales are the point.
      const { tickets, sold } = end.outcome as { tickets: number; sold: number };
      assert.deepEqual({ tickets, sold }, { tickets: 1, sold: 1 });
      assert.equal(end.verdict, 'pass');
      const waited = ofKind(events, 'lock.acquire').filter((e) => e.waitedUs > 0);
      assert.ok(waited.length >= 3, `seed ${seed}: ${waited.length} buyers waited for the lock`);
      assert.match(end.narration!.en, /^One ticket, one sale\. Process-\d+ got the lock first/);
      assert.match(end.narration!['zh-CN'], /^1 张票，卖出 1 张。/);
    }
  });

  it('python-queue-basics: FIFO, one Full and two Empty, as the JavaScript lab', async () => {
    const { events, end } = await run('python-queue-basics', 1);
    // Its words name the call its script makes: get_nowait(), where the JavaScript lab's say getNowait().
    const [start] = ofKind(events, 'run.start');
    for (const text of [start.narration!, end.narration!]) {
      assert.match(text.en, /get_nowait/);
      assert.match(text['zh-CN'], /get_nowait/);
    }
    assert.deepEqual(outcomeOf(end), {
      put: [111, 222, 333, 444, 555],
      got: [111, 222, 333, 444, 555],
      fifo: true,
      full: 1,
      empty: 2,
    });
  });

  it('python-ipc: each message goes from one process to another through a queue', async () => {
    const { events, end } = await run('python-ipc', 1);
    const delivered = (outcomeOf(end).delivered as { from: string; to: string }[]).map(
      (d) => `${d.from} → ${d.to}`,
    );
    assert.deepEqual(delivered, [
      'MainProcess → Responder',
      'Producer → Consumer',
      'Responder → MainProcess',
    ]);
    assert.ok(ofKind(events, 'proc.exit').every((e) => e.reason === 'returned'));
  });

  it('python-pool-map: the squares come back in order; four workers are about four times as fast', async () => {
    const { events, end } = await run('python-pool-map', 1);
    const outcome = outcomeOf(end);
    assert.equal(outcome.inOrder, true);
    assert.ok((outcome.speedup as number) >= 2, `speedup ${String(outcome.speedup)}`);
    assert.equal(end.verdict, 'pass');
    // Python's own workers, named as CPython names them, ran every task on their own lanes.
    const names = new Map(ofKind(events, 'proc.spawn').map((e) => [e.proc, e.name]));
    const workers = ofKind(events, 'pool.worker').map((w) => names.get(w.proc) ?? '');
    assert.equal(workers.length, 5);
    for (const name of workers) assert.match(name, /^(Fork|Spawn|ForkServer)PoolWorker-\d+$/);
    // Which worker takes which task is the OS's timing, as in CPython: on a loaded machine one
    // worker may take none. Every task ran on a worker's lane, and on more than one.
    const lanes = new Set(ofKind(events, 'pool.start').map((e) => names.get(e.proc)));
    for (const lane of lanes) assert.ok(workers.includes(lane ?? ''), `${lane}: not a worker`);
    assert.ok(lanes.size >= 2, `tasks ran on ${lanes.size} lane(s)`);
  });

  for (const kitchen of ['sentinel', 'joinable'])
    it(`python-producer-consumer-${kitchen}: every item is eaten once and every eater ends`, async () => {
      for (const seed of [1, 2]) {
        const { events, end } = await run(`python-producer-consumer-${kitchen}`, seed);
        assert.deepEqual(end.outcome, { produced: 10, consumed: 10 });
        const gets = ofKind(events, 'queue.get').filter((e) => e.value !== null);
        assert.equal(new Set(gets.map((e) => e.item)).size, 10, 'each item got once');
        const eaters = ofKind(events, 'proc.spawn').filter((e) =>
          /^(Zhang San|Li Si)$/.test(e.name),
        );
        assert.equal(eaters.length, 2);
        const exits = new Map(ofKind(events, 'proc.exit').map((e) => [e.proc, e]));
        for (const eater of eaters)
          assert.equal(
            exits.get(eater.proc)?.reason,
            kitchen === 'joinable' ? 'daemon' : 'returned',
            `seed ${seed}: how ${eater.name} ended`,
          );
        if (kitchen === 'joinable') assert.equal(ofKind(events, 'queue.join.done').length, 1);
        else assert.equal(ofKind(events, 'queue.put').filter((e) => e.value === null).length, 2);
      }
    });

  it("speak the run's language: in Chinese their names, items and printed lines are Chinese", async () => {
    const { events } = await run('python-ipc', 1, 'zh-CN');
    const names = ofKind(events, 'proc.spawn').map((e) => e.name);
    assert.deepEqual(names.slice(1).sort(), ['应答者', '消费者', '生产者'].sort());
    assert.deepEqual(
      ofKind(events, 'log')
        .map((e) => e.text.trim())
        .sort(),
      ['主进程收到：在的（你问的是：你在吗？）', '消费者收到：生产者通过队列向你问好！'],
    );
    // The same lab in English says the same in English (the language is the run's, not fixed).
    const english = await run('python-ipc', 1, 'en');
    assert.deepEqual(
      ofKind(english.events, 'log')
        .map((e) => e.text.trim())
        .sort(),
      [
        'consumer received: Hello from the producer, via the queue!',
        "main received: yes, I'm here (you asked: are you there?)",
      ],
    );
    const kitchen = await run('python-producer-consumer-sentinel', 1, 'zh-CN');
    const eaten = ofKind(kitchen.events, 'log').map((e) => e.text.trim());
    assert.equal(eaten.length, 10);
    for (const line of eaten)
      assert.match(line, /^(张三|李四)吃了大厨_[12]做的第[1-5]个(包子|馒头)$/);
  });
});
