import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventWindow, HOST_KINDS } from '../../src/extension/eventWindow';
import { RunSession } from '../../src/extension/runSession';
import { DEFAULT_CONFIG } from '../../src/protocol/host';
import { parseJsonl } from '../../src/protocol/jsonl';
import { encodeEvents } from '../../src/protocol/eventColumns';
import type { LabEvent } from '../../src/protocol/events';
import { ensureBuilt } from '../support/build';

const root = join(__dirname, '..', '..');
const runnerPath = join(root, 'dist', 'runner.js');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function until(fn: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (fn()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return fn();
}

describe('extension RunSession (the real runner)', function () {
  this.timeout(60_000);
  let cwd: string;
  before(async () => {
    await ensureBuilt();
    cwd = mkdtempSync(join(tmpdir(), 'cl-session-'));
  });
  after(() => rmSync(cwd, { recursive: true, force: true }));

  it('runs ticket-lock to the end with batched, valid events', async () => {
    const batches: LabEvent[][] = [];
    const s = new RunSession(
      { runnerPath, cwd, config: { ...DEFAULT_CONFIG, lab: 'ticket-lock', speed: 20, seed: 4 } },
      { onEvents: (b) => batches.push(b.events) },
    );
    s.start();
    const end = await s.done;
    const events = batches.flat();
    assert.equal(end.status, 'ok', end.message);
    assert.equal(end.eventCount, events.length);
    assert.ok(
      batches.length < events.length / 2,
      `${batches.length} messages for ${events.length} events: not batched`,
    );
    assert.deepEqual(
      events.map((e) => e.seq),
      events.map((_, i) => i),
    );
    assert.equal(events.filter((e) => e.kind === 'proc.spawn').length, 11);
    assert.equal(events.at(-1)!.kind, 'run.end');
  });

  it('with kinds, builds objects only for those, yet checks and counts every event, and the window reads back the tail', async () => {
    const picked: LabEvent[] = [];
    const window = new EventWindow(60);
    let counted = 0;
    const eventsFile = join(cwd, 'kinds.labrun');
    const s = new RunSession(
      {
        runnerPath,
        cwd,
        kinds: HOST_KINDS,
        config: {
          ...DEFAULT_CONFIG,
          lab: 'producer-consumer-joinable',
          speed: 20,
          seed: 3,
          eventsFile,
        },
      },
      {
        onEvents: (b) => {
          picked.push(...b.events);
          counted += b.count;
          window.push(b);
        },
      },
    );
    s.start();
    const end = await s.done;
    assert.equal(end.status, 'ok');
    // The run's whole log, as the runner wrote it: every event counted, exactly those of the kinds asked for decoded.
    const all = parseJsonl(readFileSync(eventsFile, 'utf8')).events;
    assert.equal(counted, end.eventCount);
    assert.equal(counted, all.length);
    assert.ok(
      picked.length > 10 && picked.length < all.length / 2,
      `${picked.length} of ${all.length}`,
    );
    assert.deepEqual(
      picked,
      all.filter((e) => HOST_KINDS.has(e.kind)),
    );
    // The window holds its newest events decoded from the kept batches, after the structural ones.
    const snap = window.snapshot();
    assert.equal(snap.length, window.size);
    assert.ok(window.size <= 60);
    assert.deepEqual(
      snap.filter((e) => e.seq >= all.length - 45),
      all.slice(-45),
    );
    assert.deepEqual(
      window.snapshot().find((e) => e.kind === 'run.start'),
      all[0],
    );
  });

  it('stops a real-time run and leaves no process of its group', async () => {
    let spawned = 0;
    const s = new RunSession(
      { runnerPath, cwd, config: { ...DEFAULT_CONFIG, lab: 'ticket-lock', speed: 1, seed: 4 } },
      {
        onEvents: (b) => {
          spawned += b.events.filter((x) => x.kind === 'proc.spawn').length;
        },
      },
    );
    s.start();
    assert.ok(await until(() => spawned >= 5, 20_000), 'processes started');
    const pid = s.pid!;
    const end = await s.stop(3000);
    assert.equal(end.status, 'stopped');
    assert.ok(await until(() => !alive(-pid), 5000), 'the process group is gone');
  });

  it('reports a lab that does not exist as an error, without throwing', async () => {
    const s = new RunSession(
      { runnerPath, cwd, config: { ...DEFAULT_CONFIG, lab: 'no-such-lab' } },
      { onEvents: () => {} },
    );
    s.start();
    const end = await s.done;
    assert.equal(end.status, 'error');
    assert.ok(end.message && end.message.length > 0);
  });

  it('kills the whole group when the runner ignores stop', async () => {
    const s = new RunSession(
      { runnerPath, cwd, config: { ...DEFAULT_CONFIG, lab: 'ticket-lock', speed: 1, seed: 5 } },
      { onEvents: () => {} },
    );
    s.start();
    await new Promise((r) => setTimeout(r, 500));
    const pid = s.pid!;
    s.kill();
    const end = await s.done;
    assert.notEqual(end.status, 'ok');
    assert.ok(await until(() => !alive(-pid), 5000), 'the process group is gone');
  });

  it('hands on checked batches as the runner sent them; a refused batch costs only its own events', async () => {
    // A stand-in runner: a good batch, a malformed one (seq 2), the good rest, then one that goes back.
    const fake = join(cwd, 'fakeRunner.js');
    const event = (seq: number): LabEvent => ({
      v: 1,
      seq,
      t: seq * 10,
      proc: 0,
      kind: 'log',
      text: `line ${seq}`,
    });
    const good1 = encodeEvents([event(0), event(1)]);
    const broken = encodeEvents([event(2)]).subarray(0, 40);
    const good2 = encodeEvents([event(3), event(4)]);
    const back = encodeEvents([event(4)]);
    const bytes = (b: Uint8Array) => `new Uint8Array(${JSON.stringify([...b])})`;
    writeFileSync(
      fake,
      `
      process.once('message', () => {
        const batches = [${[good1, broken, good2, back].map(bytes).join(', ')}];
        for (const batch of batches) process.send({ type: 'events', batch });
        process.send({ type: 'done', status: 'ok', eventCount: 5 }, () => process.exit(0));
      });`,
    );
    const got: { seqs: number[]; batch: number[] }[] = [];
    const problems: string[] = [];
    const s = new RunSession(
      { runnerPath: fake, cwd, config: { ...DEFAULT_CONFIG, lab: 'x' } },
      {
        onEvents: (b) => got.push({ seqs: b.events.map((x) => x.seq), batch: [...b.bytes] }),
        onProblem: (t) => problems.push(t),
      },
    );
    s.start();
    const end = await s.done;
    assert.equal(end.status, 'ok');
    assert.deepEqual(got, [
      { seqs: [0, 1], batch: [...good1] },
      { seqs: [3, 4], batch: [...good2] },
    ]);
    assert.equal(problems.length, 3, problems.join(''));
    assert.match(
      problems[0],
      /invalid message from runner: an event batch says it is \d+ bytes where 40 are left/,
    );
    assert.match(
      problems[1],
      /^event 2 of the run never arrived \(a batch was refused\); the run's log file has them/,
    );
    assert.match(problems[2], /invalid message from runner: seq 4 where 5 was expected/);
  });
});
