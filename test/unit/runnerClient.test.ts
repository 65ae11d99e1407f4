/**
 * The runner client's rules, tested once, against the real runner (dist/runner.js) and against
 * stand-in runners: small real Node processes that speak the same IPC and break it on purpose.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventWindow, HOST_KINDS } from '../../src/extension/eventWindow';
import { DEFAULT_CONFIG, type RunConfig } from '../../src/protocol/host';
import { parseJsonl, toJsonl } from '../../src/protocol/jsonl';
import { encodeEvents } from '../../src/protocol/eventColumns';
import type { LabEvent } from '../../src/protocol/events';
import {
  RunnerClient,
  type RunnerBatch,
  type RunnerHandlers,
} from '../../src/runnerClient/runnerClient';
import { ensureBuilt } from '../support/build';
import { runEnd } from '../support/events';

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

/** Waits for a condition that an event outside this process makes true (a process ending). */
async function eventually(fn: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (fn()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`never happened: ${what}`);
}

const event = (seq: number, text = `line ${seq}`): LabEvent => ({
  v: 1,
  seq,
  t: seq * 10,
  proc: 0,
  kind: 'log',
  text,
});
const bytesOf = (b: Uint8Array) => `new Uint8Array(${JSON.stringify([...b])})`;

describe('runner client (the real runner and stand-ins)', function () {
  this.timeout(60_000);
  let cwd: string;
  before(async () => {
    await ensureBuilt();
    cwd = mkdtempSync(join(tmpdir(), 'cl-client-'));
  });
  after(() => rmSync(cwd, { recursive: true, force: true }));

  /** A stand-in runner: `body` runs once the client's `start` arrives (`config` holds its config). */
  function standIn(name: string, body: string): string {
    const file = join(cwd, `${name}.js`);
    writeFileSync(file, `process.once('message', ({ config }) => {\n${body}\n});`);
    return file;
  }

  /** A client that records what it is handed. */
  function client(path: string, config: Partial<RunConfig> & { lab: string }) {
    const got: RunnerBatch[] = [];
    const problems: string[] = [];
    const handlers: RunnerHandlers = {
      onEvents: (b) => got.push(b),
      onProblem: (t) => problems.push(t),
    };
    const c = new RunnerClient(
      { runnerPath: path, cwd, config: { ...DEFAULT_CONFIG, ...config } },
      handlers,
    );
    const events = () => got.flatMap((b) => b.events);
    return { c, got, problems, events };
  }

  /** Starts a real-time ticket-lock run and resolves once `n` lab processes have started. */
  async function ticketLockRunning(n: number, eventsFile?: string) {
    let spawned = 0;
    let ready!: () => void;
    const started = new Promise<void>((r) => (ready = r));
    const config = { ...DEFAULT_CONFIG, lab: 'ticket-lock', speed: 1, seed: 4, eventsFile };
    const c = new RunnerClient(
      { runnerPath, cwd, config },
      {
        onEvents: (b) => {
          spawned += b.events.filter((x) => x.kind === 'proc.spawn').length;
          if (spawned >= n) ready();
        },
      },
    );
    c.start();
    await started;
    return c;
  }

  it('runs ticket-lock to the end with batched, valid events', async () => {
    const { c, got, events } = client(runnerPath, { lab: 'ticket-lock', speed: 20, seed: 4 });
    c.start();
    const end = await c.done;
    assert.equal(end.status, 'ok', end.message);
    assert.equal(end.by, 'done');
    assert.equal(end.eventCount, events().length);
    assert.ok(got.length < events().length / 2, `${got.length} messages: not batched`);
    assert.deepEqual(
      events().map((e) => e.seq),
      events().map((_, i) => i),
    );
    assert.equal(events().filter((e) => e.kind === 'proc.spawn').length, 11);
    assert.equal(events().at(-1)!.kind, 'run.end');
  });

  it('with kinds, builds objects only for those, yet checks and counts every event, and the window reads back the tail', async () => {
    const picked: LabEvent[] = [];
    const window = new EventWindow(60);
    let counted = 0;
    const eventsFile = join(cwd, 'kinds.labrun');
    const config = {
      ...DEFAULT_CONFIG,
      lab: 'producer-consumer-joinable',
      speed: 20,
      seed: 3,
      eventsFile,
    };
    const c = new RunnerClient(
      { runnerPath, cwd, kinds: HOST_KINDS, config },
      {
        onEvents: (b) => {
          picked.push(...b.events);
          counted += b.count;
          window.push(b);
        },
      },
    );
    c.start();
    const end = await c.done;
    assert.equal(end.status, 'ok');
    assert.equal(end.eventsFile, eventsFile);
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

  it('stops a real-time run: the runner ends it with status stopped and its group is gone', async () => {
    const c = await ticketLockRunning(5);
    const pid = c.pid!;
    const end = await c.stop(30_000);
    assert.equal(end.status, 'stopped');
    assert.equal(end.by, 'done', 'the runner answered the stop itself');
    await eventually(() => !alive(-pid), 'the process group is gone');
  });

  it('reports a lab that does not exist as fatal, without throwing', async () => {
    const { c } = client(runnerPath, { lab: 'no-such-lab' });
    c.start();
    const end = await c.done;
    assert.equal(end.status, 'error');
    assert.equal(end.by, 'fatal');
    assert.match(end.message ?? '', /unknown lab "no-such-lab"/);
  });

  it('kill() ends the whole group at once, and the client closes the log with run.end stopped', async () => {
    const eventsFile = join(cwd, 'killed.labrun');
    const c = await ticketLockRunning(3, eventsFile);
    const pid = c.pid!;
    c.kill();
    const end = await c.done;
    assert.equal(end.status, 'stopped');
    assert.equal(end.by, 'gone');
    await eventually(() => !alive(-pid), 'the process group is gone');
    const log = parseJsonl(readFileSync(eventsFile, 'utf8'));
    assert.deepEqual(log.errors, []);
    assert.equal(log.truncated, false, 'the log ends with run.end');
    assert.equal(runEnd(log.events).status, 'stopped');
    assert.equal(end.eventCount, log.events.length);
  });

  it('a runner killed from outside (SIGKILL) is a crash: its lab processes go, its log gets run.end error', async () => {
    const eventsFile = join(cwd, 'sigkilled.labrun');
    const c = await ticketLockRunning(3, eventsFile);
    const pid = c.pid!;
    process.kill(pid, 'SIGKILL');
    const end = await c.done;
    assert.equal(end.status, 'error');
    assert.equal(end.by, 'gone');
    assert.match(end.message ?? '', /the runner exited \(SIGKILL\) before ending the run/);
    await eventually(() => !alive(-pid), 'every lab process of the group is gone');
    const log = parseJsonl(readFileSync(eventsFile, 'utf8'));
    assert.deepEqual(log.errors, []);
    const last = runEnd(log.events);
    assert.equal(last.status, 'error');
    assert.match(last.message ?? '', /SIGKILL/);
  });

  it('a stand-in that exits with code 3 mid-run is a crash: the message has its code and output, the log its run.end', async () => {
    // The log as a runner killed mid-write leaves it: two whole events and half a line.
    const eventsFile = join(cwd, 'crash.labrun');
    writeFileSync(eventsFile, `${toJsonl([event(0), event(1)])}{"v":1,"seq":2,"t":2`);
    const path = standIn(
      'crashes',
      `process.send({ type: 'events', batch: ${bytesOf(encodeEvents([event(0), event(1)]))} });
       process.stderr.write('something broke inside\\n');
       setTimeout(() => process.exit(3), 10);`,
    );
    const { c, events } = client(path, { lab: 'x', eventsFile });
    c.start();
    const end = await c.done;
    assert.equal(end.status, 'error');
    assert.equal(end.by, 'gone');
    assert.match(
      end.message ?? '',
      /the runner exited \(code 3\) before ending the run:\nsomething broke inside/,
    );
    // The log: the half line is gone, and run.end follows the last whole event.
    const log = parseJsonl(readFileSync(eventsFile, 'utf8'));
    assert.deepEqual(log.errors, []);
    assert.deepEqual(
      log.events.map((e) => e.kind),
      ['log', 'log', 'run.end'],
    );
    assert.deepEqual({ seq: log.events[2].seq, t: log.events[2].t }, { seq: 2, t: 10 });
    // The parent is handed the same run.end, after the events it had.
    assert.deepEqual(events(), log.events);
    assert.equal(end.eventCount, 3);
  });

  it('a done sent right before the exit ends the run as done, however much came before it', async () => {
    const big = encodeEvents(Array.from({ length: 2000 }, (_, i) => event(i, 'x'.repeat(500))));
    const path = standIn(
      'exitsAfterDone',
      `const batch = ${bytesOf(big)};
       process.send({ type: 'events', batch });
       process.send({ type: 'done', status: 'ok', eventCount: 2000 }, () => process.exit(0));`,
    );
    const { c, events } = client(path, { lab: 'x' });
    c.start();
    const end = await c.done;
    assert.deepEqual({ status: end.status, by: end.by }, { status: 'ok', by: 'done' });
    assert.equal(events().length, 2000);
  });

  it('hands on checked batches as the runner sent them; a refused batch costs only its own events', async () => {
    // A good batch, a malformed one (seq 2), the good rest, then one that goes back.
    const good1 = encodeEvents([event(0), event(1)]);
    const broken = encodeEvents([event(2)]).subarray(0, 40);
    const good2 = encodeEvents([event(3), event(4)]);
    const back = encodeEvents([event(4)]);
    const path = standIn(
      'refused',
      `const batches = [${[good1, broken, good2, back].map(bytesOf).join(', ')}];
       for (const batch of batches) process.send({ type: 'events', batch });
       process.send({ type: 'done', status: 'ok', eventCount: 5 }, () => process.exit(0));`,
    );
    const { c, got, problems } = client(path, { lab: 'x' });
    c.start();
    const end = await c.done;
    assert.equal(end.status, 'ok');
    assert.deepEqual(
      got.map((b) => ({ seqs: b.events.map((x) => x.seq), batch: [...b.bytes] })),
      [
        { seqs: [0, 1], batch: [...good1] },
        { seqs: [3, 4], batch: [...good2] },
      ],
    );
    assert.equal(problems.length, 3, problems.join('\n'));
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

  it('a runner that ignores stop is killed with its group after the grace; the run ends stopped', async () => {
    // The stand-in starts a process of its own (in its group), says so, and never answers stop.
    const pidFile = join(cwd, 'grandchild.pid');
    const path = standIn(
      'deaf',
      `const { spawn } = require('node:child_process');
       const g = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e9)'], { stdio: 'ignore' });
       require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(g.pid));
       process.send({ type: 'events', batch: ${bytesOf(encodeEvents([event(0)]))} });
       process.on('message', () => {});`,
    );
    let ready!: () => void;
    const started = new Promise<void>((r) => (ready = r));
    const c = new RunnerClient(
      { runnerPath: path, cwd, config: { ...DEFAULT_CONFIG, lab: 'x' } },
      { onEvents: () => ready() },
    );
    c.start();
    await started;
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    assert.ok(alive(grandchild));
    const end = await c.stop(200);
    assert.deepEqual({ status: end.status, by: end.by }, { status: 'stopped', by: 'gone' });
    assert.match(end.message ?? '', /killed/);
    await eventually(() => !alive(grandchild), 'the stand-in’s own process is gone');
    // Asking again changes nothing.
    assert.deepEqual(await c.stop(), end);
  });

  it('execPath: the runner is started by that program, with the runner as its first argument', async function () {
    if (process.platform === 'win32') this.skip(); // The wrapper is a POSIX shell script.
    // A wrapper as the bench's profiler is: it records how it was called, then becomes Node.
    const marker = join(cwd, 'wrapper.called');
    const wrapper = join(cwd, 'wrapper.sh');
    const sh = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
    writeFileSync(
      wrapper,
      `#!/bin/sh\nprintf '%s\\n%s\\n' "$$" "$1" > ${sh(marker)}\nexec ${sh(process.execPath)} "$@"\n`,
      { mode: 0o755 },
    );
    const got: RunnerBatch[] = [];
    const c = new RunnerClient(
      {
        runnerPath,
        cwd,
        execPath: wrapper,
        config: { ...DEFAULT_CONFIG, lab: 'ticket-lock', speed: 20, seed: 4 },
      },
      { onEvents: (b) => got.push(b) },
    );
    c.start();
    const end = await c.done;
    assert.equal(end.status, 'ok', end.message);
    assert.equal(end.by, 'done');
    const events = got.flatMap((b) => b.events);
    assert.equal(end.eventCount, events.length);
    assert.equal(events.filter((e) => e.kind === 'proc.spawn').length, 11);
    assert.equal(events.at(-1)!.kind, 'run.end');
    // The wrapper ran, was handed the runner, and its process (exec keeps the pid) was the runner.
    assert.ok(existsSync(marker), 'the wrapper never ran: execPath was ignored');
    const [pid, firstArg] = readFileSync(marker, 'utf8').trim().split('\n');
    assert.equal(firstArg, runnerPath);
    assert.equal(Number(pid), c.pid);
  });

  it('an execPath that does not exist ends the run at once as an error naming it', async () => {
    const missing = join(cwd, 'no-such-program');
    const config = { ...DEFAULT_CONFIG, lab: 'ticket-lock', speed: 20 };
    let received = 0;
    const c = new RunnerClient(
      { runnerPath, cwd, execPath: missing, config },
      { onEvents: (b) => (received += b.count) },
    );
    c.start();
    const end = await c.done;
    assert.deepEqual(
      { status: end.status, by: end.by, eventCount: end.eventCount, received },
      { status: 'error', by: 'gone', eventCount: 0, received: 0 },
    );
    assert.equal(end.message, `could not start the runner: spawn ${missing} ENOENT`);
    assert.equal(c.pid, undefined);
  });

  it('a runner that cannot start at all ends the run as an error with its output', async () => {
    const { c } = client(join(cwd, 'no-such-runner.js'), { lab: 'x' });
    c.start();
    const end = await c.done;
    assert.equal(end.status, 'error');
    assert.equal(end.by, 'gone');
    assert.match(end.message ?? '', /code 1\) before ending the run:[\s\S]*MODULE_NOT_FOUND/);
  });
});
