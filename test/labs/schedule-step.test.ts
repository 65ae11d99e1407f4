/**
 * Step mode in the terminal, driven through a pipe as a person would: a torn read made by
 * choice, a deadlock made by choice, the end of input meaning fifo, undo, and the Chinese text.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventOf, LabEvent } from '../../src/protocol/events';
import { parseJsonl } from '../../src/protocol/jsonl';
import { fixture } from '../support/runLab';
import { driveStep, pick, tornReadChooser } from '../support/stepDriver';
import { comparable } from '../support/scheduleLogs';

const dir = mkdtempSync(join(tmpdir(), 'cl-step-'));
const logOf = (file: string): LabEvent[] => parseJsonl(readFileSync(file, 'utf8')).events;
const steps = (events: readonly LabEvent[]) =>
  events.filter((e) => e.kind === 'sched.step') as EventOf<'sched.step'>[];
/** The log without the schedule's name in run.start (step mode vs fifo). */
const unnamed = (events: readonly LabEvent[]) =>
  comparable(events.map((e) => (e.kind === 'run.start' ? { ...e, schedule: undefined } : e)));

describe('step mode in the terminal', function () {
  this.timeout(180_000);

  it('a scripted person makes a buyer read between another buyer’s truncate and fill: a torn read', async () => {
    const events = join(dir, 'torn.jsonl');
    const person = tornReadChooser();
    const run = await driveStep(
      ['ticket-race', '--schedule', 'step', '--seed', '1', '--no-live', '--events', events],
      person.decide,
    );
    assert.ok(person.made(), `the script found its moment:\n${run.stdout.slice(-3000)}`);
    const log = logOf(events);
    const bad = log.find((e) => e.kind === 'file.read' && e.error !== undefined);
    assert.ok(bad && bad.kind === 'file.read', 'the log has a read that found a torn file');
    // The torn read came right after a truncate step and before that writer's fill step.
    const at = log.indexOf(bad);
    const before = steps(log.slice(0, at));
    const truncating = [...before]
      .reverse()
      .find((s) => String(s.ops[s.runnable.indexOf(s.chosen)]).includes('(truncate)'));
    assert.ok(truncating, 'a truncate step came before the read');
    const filled = before.some(
      (s) =>
        s.step > truncating.step &&
        s.chosen === truncating.chosen &&
        String(s.ops[s.runnable.indexOf(s.chosen)]).includes('(fill)'),
    );
    assert.ok(!filled, 'the writer had not filled the file when the read happened');
    assert.ok(
      log.some((e) => e.kind === 'diag' && e.code === 'torn-read'),
      'diagnosed as a torn read',
    );
    assert.match(run.stdout, /write data\.json \{"ticket_num":0\} \(fill\)/);
    // The outcome so far says the crash once, in words.
    assert.match(run.stdout, /outcome so far: 1 ticket, \d+ sold, 1 crashed on a torn read/);
    assert.doesNotMatch(run.stdout, /torn reads: \d/);
    assert.match(run.stdout, /blocked:|is asleep/);
  });

  it('a deadlock made by choice is reported with both processes; the same lab under fifo finishes', async () => {
    const lab = fixture('step-deadlock.lab.mjs');
    const run = await driveStep(
      [lab, '--schedule', 'step', '--seed', '1', '--no-live'],
      // Left takes Lock A, then only main moves until Right has taken Lock B; then fifo.
      (menu) =>
        pick(menu, /Left/, /acquire Lock A/) ??
        pick(menu, /Right/, /acquire Lock B/) ??
        pick(menu, /MainProcess/) ??
        '',
    );
    assert.notEqual(run.code, 0);
    assert.match(run.stdout + run.stderr, /deadlock/);
    assert.match(run.stdout, /Left[^\n]*Lock B|Lock B[^\n]*Left/);
    const fifo = await driveStep(
      [lab, '--schedule', 'step', '--seed', '1', '--no-live'],
      () => null,
    );
    assert.equal(fifo.code, 0, fifo.stdout + fifo.stderr);
  });

  it('the end of input means fifo to the end; undo forks at the step before', async () => {
    const fifoFile = join(dir, 'fifo.jsonl');
    const stepFile = join(dir, 'step.jsonl');
    const undoFile = join(dir, 'undo.jsonl');
    const base = ['ticket-lock', '--seed', '4', '--no-live', '--events'];
    await driveStep([...base, fifoFile, '--schedule', 'fifo'], () => null);
    await driveStep([...base, stepFile, '--schedule', 'step'], () => null);
    assert.deepEqual(unnamed(logOf(stepFile)), unnamed(logOf(fifoFile)));
    let asked = 0;
    const undo = await driveStep([...base, undoFile, '--schedule', 'step'], () =>
      ++asked === 3 ? 'u' : asked > 6 ? null : '',
    );
    assert.match(undo.stdout, /undo step 2: replaying step 1, then step 2 again/);
    assert.deepEqual(unnamed(logOf(undoFile)), unnamed(logOf(fifoFile)));
  });

  it('speaks Chinese with --lang zh-CN', async () => {
    const run = await driveStep(
      ['ticket-race', '--schedule', 'step', '--seed', '2', '--no-live', '--lang', 'zh-CN'],
      // Up to the first step with a real choice (main alone starts the buyers).
      (menu) => (menu.runnable.length > 1 || menu.step > 40 ? null : ''),
    );
    assert.match(run.stdout, /第 1 步/);
    assert.match(run.stdout, /可以继续：/);
    assert.match(run.stdout, /启动进程0/);
    assert.match(run.stdout, /回车 = \d/);
    // The outcome so far in the lab's words, as its banner says it (not its JSON).
    assert.match(run.stdout, /第 1 步 +目前的结果：1 张票，卖出 0 张/);
    assert.doesNotMatch(run.stdout, /目前的结果： ?\{/);
  });

  it('words the prompt for one choice when only one process can go on, and the outcome so far, in both languages', async () => {
    for (const lang of ['en', 'zh-CN']) {
      const run = await driveStep(
        ['ticket-race', '--schedule', 'step', '--seed', '2', '--no-live', '--lang', lang],
        (menu) => (menu.runnable.length > 1 || menu.step > 40 ? null : ''),
      );
      const prompts = run.stdout.split('\n').filter((l) => l.endsWith('> '));
      assert.ok(prompts.length >= 2, run.stdout.slice(0, 2000));
      // Step 1: only main can go on (it starts the buyers).
      assert.equal(
        prompts[0],
        lang === 'en'
          ? 'press 1 or Enter · r = run to the end · u = undo > '
          : '按 1 或回车 · r = 运行到结束 · u = 撤销上一步 > ',
      );
      assert.doesNotMatch(run.stdout, /1-1 /);
      // The outcome so far in words, as the report says an outcome, not as JSON.
      assert.match(
        run.stdout,
        lang === 'en' ? /outcome so far: 1 ticket, 0 sold\n/ : /目前的结果：1 张票，卖出 0 张\n/,
      );
      assert.doesNotMatch(run.stdout, /"sold"/);
      assert.ok(
        prompts.some((p) => /^(choose|输入) 1-[2-9]/.test(p)),
        `a step with a real choice keeps its range: ${prompts.join(' | ')}`,
      );
    }
  });
});
