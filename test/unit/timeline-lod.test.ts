/** Level-of-detail buckets: every pixel gets the state that fills most of it. */
import assert from 'node:assert/strict';
import { Lane, LaneState, STATE_COUNT } from '../../src/model/timelineLanes';
import { laneBuckets, laneRuns } from '../../src/model/timelineLod';

function lane(spans: [number, LaneState][]): Lane {
  const l = new Lane({
    proc: 1,
    name: 'p',
    pid: 1,
    parent: 0,
    daemon: false,
    spawnT: 0,
    exitT: NaN,
    code: null,
    reason: '',
  });
  for (const [t, s] of spans) l.enter(t, s);
  return l;
}

/** Reference: time in each state inside [a, b), by walking every span. */
function bruteDominant(spans: [number, LaneState][], a: number, b: number, tNow: number): number {
  const time = new Array(STATE_COUNT).fill(0);
  for (let i = 0; i < spans.length; i++) {
    const s0 = Math.max(a, spans[i][0]),
      s1 = Math.min(b, i + 1 < spans.length ? spans[i + 1][0] : tNow);
    if (s1 > s0) time[spans[i][1]] += s1 - s0;
  }
  let best = -1,
    bestT = 0;
  time.forEach((v, s) => {
    const w = s === LaneState.Exited ? v * 1e-6 : v;
    if (w > bestT) {
      bestT = w;
      best = s;
    }
  });
  return best;
}

describe('timeline level of detail', () => {
  it('wide spans are drawn as they are', () => {
    const l = lane([
      [0, LaneState.Running],
      [100, LaneState.Sleeping],
      [300, LaneState.LockWait],
    ]);
    const runs: [number, number, number][] = [];
    laneRuns(l, 0, 1, 400, 400, (x0, x1, s) => runs.push([x0, x1, s]));
    assert.deepEqual(runs, [
      [0, 100, LaneState.Running],
      [100, 300, LaneState.Sleeping],
      [300, 400, LaneState.LockWait],
    ]);
  });

  it('sub-pixel spans collapse into one bucket per pixel with the dominant state', () => {
    // 10,000 spans over 1,000 µs: alternating 0.07 µs running / 0.03 µs sleeping, drawn 10 µs per pixel.
    const spans: [number, LaneState][] = [];
    for (let i = 0; i < 10_000; i++)
      spans.push([i * 0.1, LaneState.Running], [i * 0.1 + 0.07, LaneState.Sleeping]);
    spans.push([1000, LaneState.LockWait]);
    const l = lane(spans);
    const b = laneBuckets(l, 0, 10, 120, 1200);
    assert.equal(b.length, 120);
    for (let x = 0; x < 99; x++) assert.equal(b[x], LaneState.Running, `pixel ${x}`);
    for (let x = 101; x < 120; x++) assert.equal(b[x], LaneState.LockWait, `pixel ${x}`);
  });

  it('agrees with a brute-force dominant state on random lanes', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 4294967296;
    for (let trial = 0; trial < 20; trial++) {
      const spans: [number, LaneState][] = [];
      let t = 0;
      for (let i = 0; i < 2000; i++) {
        spans.push([t, Math.floor(rnd() * 7) as LaneState]);
        t += rnd() < 0.1 ? 50 * rnd() : rnd() * 0.5;
      }
      const dedup = spans.filter((s, i) => i === 0 || s[1] !== spans[i - 1][1]);
      const l = lane(dedup);
      const tNow = t,
        width = 100,
        usPerPx = tNow / width;
      const b = laneBuckets(l, 0, usPerPx, width, tNow);
      let agree = 0;
      for (let x = 0; x < width; x++)
        if (b[x] === bruteDominant(dedup, x * usPerPx, (x + 1) * usPerPx, tNow)) agree++;
      // Pixels cut by a wide span's edge are drawn by the span itself; all others must match exactly.
      assert.ok(agree >= width * 0.9, `trial ${trial}: ${agree}/${width}`);
    }
  });

  it('gives exactly the runs of a whole-lane binary search per pixel, at any zoom and offset', () => {
    let seed = 11;
    const rnd = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 4294967296;
    for (let trial = 0; trial < 30; trial++) {
      const spans: [number, LaneState][] = [];
      let t = rnd() * 10;
      for (let i = 0; i < 3000; i++) {
        spans.push([t, Math.floor(rnd() * 9) as LaneState]);
        t += rnd() < 0.05 ? 400 * rnd() : rnd() * 3;
      }
      const l = lane(spans.filter((s, i) => i === 0 || s[1] !== spans[i - 1][1]));
      const width = 50 + Math.floor(rnd() * 900),
        t0 = (rnd() - 0.2) * t,
        usPerPx = (t / width) * (0.001 + rnd() * 1.5);
      const got: number[][] = [],
        want: number[][] = [];
      laneRuns(l, t0, usPerPx, width, t, (x0, x1, s, span) => got.push([x0, x1, s, span]));
      referenceRuns(l, t0, usPerPx, width, t, (x0, x1, s, span) => want.push([x0, x1, s, span]));
      assert.deepEqual(got, want, `trial ${trial}`);
    }
  });

  it('visits O(pixels) buckets however many spans there are', function () {
    this.timeout(30_000);
    const N = 300_000;
    const spans: [number, LaneState][] = [];
    for (let i = 0; i < N; i++)
      spans.push([i, i % 3 === 0 ? LaneState.Sleeping : LaneState.Running]);
    const l = lane(spans);
    let visited = 0;
    const spy = new Proxy(l, {
      get: (o, k) =>
        k === 'dominantIn'
          ? (a: number, b: number, ia: number, ib: number) => {
              visited++;
              return o.dominantIn(a, b, ia, ib);
            }
          : Reflect.get(o, k),
    });
    let calls = 0;
    laneRuns(spy as Lane, 0, N / 1000, 1000, N, () => calls++);
    assert.ok(visited > 0 && visited <= 1000, `${visited} pixel summaries for 1000 px`);
    assert.equal(calls, 1, 'one merged run: running dominates every pixel');
  });
});

/** The walk as it was before it galloped: every column edge found by a search of the whole lane. */
function referenceRuns(
  lane: Lane,
  t0: number,
  usPerPx: number,
  width: number,
  tNow: number,
  sink: (x0: number, x1: number, s: number, span: number) => void,
): void {
  const n = lane.spanCount,
    starts = lane.start.values,
    states = lane.state.values;
  const t1 = Math.min(t0 + width * usPerPx, tNow);
  let i = Math.max(0, lane.spanAt(t0));
  let curX0 = -1,
    curX1 = -1,
    curS = -1,
    curSpan = -1,
    done = t0;
  const flush = () => {
    if (curS >= 0 && curX1 > curX0) sink(curX0, curX1, curS, curSpan);
  };
  const emit = (x0: number, x1: number, s: number, span: number) => {
    if (s === curS && x0 <= curX1 + 1e-9) {
      curX1 = x1;
      curSpan = -1;
      return;
    }
    flush();
    curX0 = x0;
    curX1 = x1;
    curS = s;
    curSpan = span;
  };
  while (i < n) {
    const a = Math.max(starts[i], done);
    if (a >= t1) break;
    const b = Math.min(i + 1 < n ? starts[i + 1] : tNow, t1);
    const x0 = (a - t0) / usPerPx,
      x1 = (b - t0) / usPerPx;
    if (x1 - x0 >= 1 || i + 1 >= n) {
      if (b > a) emit(x0, x1, states[i], i);
      done = b;
      i++;
      continue;
    }
    const px = Math.floor(x0 + 1e-6);
    const pa = t0 + px * usPerPx,
      pb = Math.min(pa + usPerPx, t1);
    const s = lane.dominant(Math.max(pa, starts[0]), pb);
    if (s >= 0) emit(Math.max(px, x0), (pb - t0) / usPerPx, s, -1);
    done = pb;
    const next = lane.spanAt(pb);
    i = next > i ? next : i + 1;
  }
  flush();
}
