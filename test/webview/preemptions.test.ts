/**
 * A failure exploring found, opened in the timeline: the shrunk run of a deadlock that needs one
 * preemption (the extension's ExploreJob, a real runner, dfs) marks exactly the preemption the
 * exploration reports, as a diamond on the lane of the process that ran, with the hover line
 * "Preemption at step N: Quick ran instead of Slow", and the legend explains the mark.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ExploreJob } from '../../src/extension/exploreRuns';
import { preemptionMarks, stepMark } from '../../src/model/scheduleSteps';
import type { EventOf, LabEvent } from '../../src/protocol/events';
import { parseJsonl } from '../../src/protocol/jsonl';
import { DIST } from '../support/build';
import { fixture } from '../support/runLab';
import { canvasPixel, hook, openLog, settle, shot, useBrowser } from './browser';

interface Row {
  kind: string;
  y: number;
  h: number;
  proc?: number;
}

async function geometry(page: Page) {
  const v = await hook<{ t0: number; t1: number }>(page, 'view');
  const lay = await hook<{ gutter: number; width: number; rows: Row[] }>(page, 'layout');
  const box = (await page.locator('canvas').boundingBox())!;
  const xOf = (t: number) => lay.gutter + ((t - v.t0) / (v.t1 - v.t0)) * lay.width;
  const lane = (proc: number) => lay.rows.find((r) => r.kind === 'lane' && r.proc === proc)!;
  return { box, xOf, lane };
}

describe('timeline webview: the preemptions of an explored failure (headless Chromium)', function () {
  this.timeout(300_000);
  const browser = useBrowser();
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'preemptions-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('marks the step the exploration names, on the lanes, with its words on hover', async () => {
    const job = new ExploreJob(
      {
        runnerPath: join(DIST, 'runner.js'),
        lab: fixture('rare-deadlock.lab.mjs'),
        seed: 1,
        lang: 'en',
        dir,
        onUpdate: () => {},
      },
      { strategy: 'dfs', depth: 2, runs: 100, bound: 1 },
    );
    const result = await job.done;
    const reported = result.failure?.preemptions ?? [];
    assert.equal(reported.length, 1, 'dfs shrinks the deadlock to one preemption');
    const { events } = parseJsonl(readFileSync(job.failureFile()!, 'utf8'));
    const steps = events.filter((e): e is EventOf<'sched.step'> => e.kind === 'sched.step');
    const marks = preemptionMarks(steps.map(stepMark));
    assert.deepEqual(
      marks.map(({ step, proc, instead }) => ({ step, proc, instead })),
      reported.map(({ step, proc, instead }) => ({ step, proc, instead })),
      'the log alone gives the preemptions the exploration reported',
    );

    const page = await openLog(browser(), 'preemption-marks', events as LabEvent[]);
    const [mark] = marks;
    // The playhead (at the end) would cover the mark: it goes to the start, the view around the mark.
    await hook(page, 'setPlayhead', 0);
    await hook(page, 'setView', Math.max(0, mark.t - 5_000), mark.t + 5_000);
    await hook(page, 'redraw');
    await settle(page);
    const g = await geometry(page);
    const lane = g.lane(mark.proc);
    const x = Math.round(g.xOf(mark.t));
    const diamond = await canvasPixel(page, x, lane.y + 6, '--tl-preempt');
    assert.deepEqual(diamond.at, diamond.want, 'a filled diamond on the lane of the one that ran');
    await page.mouse.move(g.box.x + x, g.box.y + lane.y + 6);
    const tip = page.locator('#tl-tip');
    await tip.waitFor({ state: 'visible' });
    const text = (await tip.textContent()) ?? '';
    assert.ok(
      text.includes(`Preemption at step ${mark.step}: Quick ran instead of Slow`),
      `hover says which process ran instead of which: ${text}`,
    );
    const legend = await page.locator('.tl-legend-item[data-key="preemptMark"]').textContent();
    assert.match(legend ?? '', /preemption/);
    await shot(page, 'preemption-marks');
    assert.deepEqual((page as unknown as { errors: string[] }).errors, []);
    await page.close();
  });
});
