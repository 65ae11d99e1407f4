/**
 * The bench's machine yardstick (bench/lib/yardstick.mjs): the rows it makes, and the workloads
 * themselves, which must compute the same result on every machine (runs compare only then).
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

interface Summary {
  median: number;
  min: number;
  max: number;
  samples: number[];
}
interface Row {
  part: string;
  name: string;
  unit: string;
  ours: Summary;
  baselineName: string | null;
  baseline: Summary | null;
  ratio: number | null;
  pairRatios: Summary | null;
  better: string;
  goal: string | null;
  verdict: string;
  note: string | null;
}
type Lang = 'node' | 'python';
interface Yardstick {
  CHECKS: Record<Lang, number>;
  yardstick(lang: Lang, options?: { reps?: number; warmup?: number }): Promise<number[]>;
  yardstickRows(times: Partial<Record<Lang, { start?: number[]; end?: number[] }>>): Row[];
  yardstickNote(lang: Lang, ms: number[]): string;
  perYardstick(spec: {
    part: string;
    name: string;
    unit: string;
    ours: number[];
    yardstickMs: number[];
    lang: Lang;
    better: 'lower' | 'higher';
  }): Row;
}

const REPO = join(__dirname, '..', '..');

function hasPython(): boolean {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('bench: the machine yardstick', function () {
  this.timeout(60_000);
  let y: Yardstick;
  before(async () => {
    y = (await import(
      pathToFileURL(join(REPO, 'bench', 'lib', 'yardstick.mjs')).href
    )) as Yardstick;
  });

  it('makes one info row per language timed at both ends: start beside end, their ratio', () => {
    const rows = y.yardstickRows({
      node: { start: [80, 70, 90], end: [100, 100, 100] },
      python: { start: [60] }, // no end (it failed): no row
    });
    assert.equal(rows.length, 1);
    const [row] = rows;
    assert.equal(row.part, 'Machine');
    assert.match(row.name, /^yardstick, Node: .*at the start of the run$/);
    assert.equal(row.unit, 'ms');
    assert.equal(row.ours.median, 80);
    assert.equal(row.baseline?.median, 100);
    assert.equal(row.baselineName, 'the same at the end');
    assert.equal(row.ratio, 0.8);
    assert.equal(row.goal, null);
    assert.equal(row.verdict, 'info');
    assert.match(row.note ?? '', /bench\/raw\/yardstick\.mjs/);
    assert.deepEqual(
      y.yardstickRows({ python: { start: [60, 61], end: [62] } }).map((r) => r.name),
      ['yardstick, Python: a fixed CPU workload, at the start of the run'],
    );
    assert.deepEqual(y.yardstickRows({}), []);
  });

  it('a time per yardstick: each sample over the yardstick beside it, the median of those', () => {
    const row = y.perYardstick({
      part: 'Python',
      name: 'start-up',
      unit: 'ms',
      ours: [120, 300, 140],
      yardstickMs: [60, 100, 70],
      lang: 'python',
      better: 'lower',
    });
    assert.equal(row.name, 'start-up, per Python yardstick');
    assert.equal(row.ours.median, 140);
    assert.deepEqual(row.pairRatios?.samples, [2, 3, 2]);
    assert.equal(row.ratio, 2);
    assert.equal(row.verdict, 'info');
    assert.match(row.note ?? '', /Python yardstick at the time: 70\.0 ms \(60\.0, 100\.0, 70\.0\)/);
  });

  it('a rate per yardstick: how many in the time of one yardstick', () => {
    // 10/s beside a 50 ms yardstick (20 yardsticks/s): half a run per yardstick.
    const row = y.perYardstick({
      part: 'Explore',
      name: 'schedules explored/s: x',
      unit: '/s',
      ours: [10, 30],
      yardstickMs: [50, 100],
      lang: 'node',
      better: 'higher',
    });
    assert.equal(row.name, 'schedules explored/s: x, per Node yardstick');
    assert.deepEqual(row.baseline?.samples, [20, 10]);
    assert.deepEqual(row.pairRatios?.samples, [0.5, 3]);
    assert.equal(row.ratio, 1.75);
  });

  it('the Node workload runs and computes its fixed result (yardstick() refuses another)', async () => {
    const samples = await y.yardstick('node', { reps: 2, warmup: 0 });
    assert.equal(samples.length, 2);
    assert.ok(samples.every((ms) => ms > 0));
  });

  it('the Python workload runs and computes its fixed result', async function () {
    if (!hasPython()) this.skip();
    const samples = await y.yardstick('python', { reps: 1, warmup: 0 });
    assert.equal(samples.length, 1);
    assert.ok(samples[0] > 0);
  });
});
