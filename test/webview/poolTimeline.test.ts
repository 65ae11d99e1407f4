/**
 * A Pool in the timeline webview (headless Chromium), from a real run of the pool-map lab: "At
 * the playhead" names what each worker runs, the tasks queued and done and the owner waiting in
 * get(). The expectations are read from the raw log, not through the timeline model.
 */
import assert from 'node:assert/strict';
import type { EventOf, LabEvent } from '../../src/protocol/events';
import { ofKind, procNames } from '../support/events';
import { runLab } from '../support/runLab';
import { hook, openLog, settle, shot, useBrowser } from './browser';

describe('timeline webview: a Pool (headless Chromium)', function () {
  this.timeout(300_000);
  const browser = useBrowser();
  let events: LabEvent[] = [];

  before(async () => {
    events = (await runLab('pool-map', { seed: 2, schedule: 'random' })).events;
  });

  it('at the playhead: each worker and its task, tasks queued and done, the owner waiting', async () => {
    const four = ofKind(events, 'pool.create').find((e) => e.name === 'four workers')!;
    const mine = <K extends 'pool.start' | 'pool.done'>(k: K) =>
      ofKind(events, k).filter((e) => e.obj === four.obj) as EventOf<K>[];
    // Just after the first task of the four workers' job has finished.
    const T = mine('pool.done')[0].t;
    const started = mine('pool.start').filter((e) => e.t <= T);
    const done = mine('pool.done').filter((e) => e.t <= T);
    const names = procNames(events);
    const running = started
      .filter((s) => !done.some((d) => d.proc === s.proc && d.task === s.task))
      .map((s) => `${names.get(s.proc)}: slowSquare #${s.task}`);
    assert.ok(running.length >= 3, `${running.length} running at the playhead`);
    const page = await openLog(browser(), 'pool-map', events);
    await hook(page, 'setPlayhead', T);
    await settle(page);
    const boxes = await page.locator('#tl-state .tl-state-item').allInnerTexts();
    const box = boxes.find((b) => b.startsWith('four workers')) ?? '';
    await shot(page, 'pool-map');
    assert.deepEqual(page.errors, []);
    await page.close();
    assert.match(box, /^four workers Pool$/m);
    assert.match(box, /^state: running$/m);
    assert.equal(
      box
        .match(/^running: (.*)$/m)?.[1]
        .split(', ')
        .sort()
        .join(', '),
      running.sort().join(', '),
    );
    assert.match(box, new RegExp(`^queued tasks: ${8 - started.length}$`, 'm'));
    assert.match(box, new RegExp(`^tasks done: ${done.length}$`, 'm'));
    assert.match(box, /^waiting: MainProcess$/m);
  });
});
