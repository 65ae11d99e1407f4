// Diagnosis labels on a file's row (webview/drawFiles.ts clusterPills, pure: no browser needed): every diagnosis is counted
// in exactly one label, labels never overlap and stay inside the plot.
import assert from 'node:assert/strict';
import { clusterPills, type DiagPill } from '../../webview/drawFiles';

const width = (t: string) => t.length * 7;
const PLOT = 800;

function assertLaidOut(pills: DiagPill[], marks: number, plotW = PLOT): void {
  assert.equal(
    pills.reduce((n, p) => n + p.count, 0),
    marks,
    'every diagnosis counted once',
  );
  for (const p of pills) {
    assert.ok(p.x >= 0, `inside on the left: ${JSON.stringify(p)}`);
    if (pills.length > 1 || p.w <= plotW)
      assert.ok(p.x + p.w <= plotW + 1e-9, `inside on the right: ${JSON.stringify(p)}`);
  }
  for (let i = 1; i < pills.length; i++)
    assert.ok(pills[i - 1].x + pills[i - 1].w <= pills[i].x, `overlap: ${JSON.stringify(pills)}`);
}

describe('timeline diagnosis labels', () => {
  it('stand where they happened when there is room', () => {
    const pills = clusterPills(
      [
        { x: 100, label: 'lost update' },
        { x: 400, label: 'torn read' },
      ],
      width,
      PLOT,
    );
    assert.deepEqual(
      pills.map((p) => [p.x, p.text, p.count]),
      [
        [103, 'lost update', 1],
        [403, 'torn read', 1],
      ],
    );
  });

  it('share one label when they would overlap, counted by kind in order of appearance', () => {
    const pills = clusterPills(
      [
        { x: 300, label: 'torn read' },
        { x: 302, label: 'lost update' },
        { x: 301, label: 'torn read' },
        { x: 330, label: 'lost update' },
      ],
      width,
      PLOT,
    );
    assert.deepEqual(
      pills.map((p) => [p.x, p.text, p.count]),
      [[303, 'torn read ×2 · lost update ×2', 4]],
    );
  });

  it('move left at the right edge, and keep apart from the label before', () => {
    // The case seen on real runs: a group near the end of the plot, pushed left into the one before it.
    const marks = [620, 622, 625, 790, 792, 795, 797].map((x) => ({ x, label: 'lost update' }));
    const pills = clusterPills(marks, width, PLOT);
    assertLaidOut(pills, marks.length);
    assert.equal(pills.length, 2);
  });

  it('merge when a row is too short for them all', () => {
    const marks = [5, 60, 120, 180].map((x, i) => ({
      x,
      label: i % 2 ? 'torn read' : 'lost update',
    }));
    const pills = clusterPills(marks, width, 150);
    assertLaidOut(pills, marks.length, 150);
    assert.equal(pills.length, 1);
  });

  it('lay out any row: counted once, apart, inside (random rows)', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 500; round++) {
      const plotW = 200 + Math.floor(rand() * 1000);
      const marks = Array.from({ length: 1 + Math.floor(rand() * 12) }, () => ({
        x: rand() * plotW,
        label: rand() < 0.5 ? 'lost update' : 'torn read',
      }));
      assertLaidOut(clusterPills(marks, width, plotW), marks.length, plotW);
    }
  });
});
