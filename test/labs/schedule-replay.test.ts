/**
 * `--replay FILE` from the terminal: the same events again; a lab that changed since is caught at
 * the first step that differs, and said so; `--until N` replays N steps and forks from there.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LabEvent } from '../../src/protocol/events';
import { parseJsonl } from '../../src/protocol/jsonl';
import { DIST, ensureBuilt } from '../support/build';
import { fixture } from '../support/runLab';
import { comparable, stepsOf } from '../support/scheduleLogs';

const dir = mkdtempSync(join(tmpdir(), 'cl-replay-'));
const logOf = (file: string): LabEvent[] => parseJsonl(readFileSync(file, 'utf8')).events;
const withoutSchedule = (events: readonly LabEvent[]) =>
  comparable(events.map((e) => (e.kind === 'run.start' ? { ...e, schedule: undefined } : e)));

function cli(...args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(DIST, 'cli.js'), 'run', ...args], (err, stdout, stderr) =>
      resolve({ code: err ? Number(err.code ?? 1) : 0, out: stdout + stderr }),
    );
  });
}

describe('replaying a controlled run from the terminal', function () {
  this.timeout(180_000);
  before(ensureBuilt);

  it('replays a recording to the same log; a changed lab stops at the first step that differs', async () => {
    const lab = join(dir, 'maybe-deadlock.lab.mjs');
    copyFileSync(fixture('step-deadlock.lab.mjs'), lab);
    const recorded = join(dir, 'random.jsonl');
    const replayed = join(dir, 'replayed.jsonl');
    await cli(lab, '--schedule', 'random', '--seed', '5', '--no-live', '--events', recorded);
    const r = await cli(lab, '--replay', recorded, '--no-live', '--events', replayed);
    const original = logOf(recorded);
    assert.equal(
      r.code === 0,
      original.at(-1)?.kind === 'run.end' &&
        (original.at(-1) as { status: string }).status === 'ok',
    );
    assert.deepEqual(withoutSchedule(logOf(replayed)), withoutSchedule(original));

    // The lab changes: its second lock gets another name. The first step that shows it differs.
    writeFileSync(lab, readFileSync(lab, 'utf8').replace("name: 'Lock B'", "name: 'Lock C'"));
    const firstB = stepsOf(original).findIndex((s) => s.ops.some((op) => op.includes('Lock B')));
    assert.ok(firstB >= 0, 'the recording mentions Lock B in a step');
    const diverged = join(dir, 'diverged.jsonl');
    const d = await cli(lab, '--replay', recorded, '--no-live', '--events', diverged);
    assert.notEqual(d.code, 0);
    assert.match(d.out, new RegExp(`replay diverged at step ${firstB + 1}: `));
    assert.match(d.out, /Lock C/);
    const log = logOf(diverged);
    assert.equal(stepsOf(log).length, firstB, 'no step is taken past the divergence');
    assert.ok(log.some((e) => e.kind === 'error' && /replay diverged/.test(e.message)));
    // In Chinese, the same stop in Chinese.
    const zh = await cli(lab, '--replay', recorded, '--no-live', '--lang', 'zh-CN');
    assert.match(zh.out, new RegExp(`重放在第 ${firstB + 1} 步与录制不符：录制中可以继续的是 \\[`));
    assert.doesNotMatch(zh.out, /replay diverged|the recording had/);
  });

  it('--until N replays N steps, then another policy decides (fork from here)', async () => {
    const recorded = join(dir, 'lock-random.jsonl');
    const forked = join(dir, 'lock-forked.jsonl');
    await cli(
      'ticket-lock',
      '--schedule',
      'random',
      '--seed',
      '9',
      '--no-live',
      '--events',
      recorded,
    );
    const original = stepsOf(logOf(recorded));
    const until = 20;
    const r = await cli(
      'ticket-lock',
      '--replay',
      recorded,
      '--until',
      String(until),
      '--schedule',
      'fifo',
      '--no-live',
      '--events',
      forked,
    );
    assert.equal(r.code, 0, r.out);
    const log = logOf(forked);
    const steps = stepsOf(log);
    assert.deepEqual(
      steps.slice(0, until),
      original.slice(0, until),
      'the first N steps are the recording’s',
    );
    assert.equal(log.at(-1)?.kind, 'run.end');
    assert.notDeepEqual(
      steps.slice(until),
      original.slice(until),
      'fifo chose differently after step N',
    );
  });

  it('refuses a realtime recording, and --until without --replay', async () => {
    const realtime = join(dir, 'realtime.jsonl');
    await cli('queue-basics', '--speed', '50', '--no-live', '--events', realtime);
    const r = await cli('--replay', realtime);
    assert.equal(r.code, 1);
    assert.match(r.out, /only a controlled run \(--schedule\) can be replayed/);
    const u = await cli('queue-basics', '--until', '3');
    assert.match(u.out, /--until needs --replay/);
  });
});
