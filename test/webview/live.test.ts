/**
 * Live streaming: a real run's event batches are posted to the app as they arrive, in the runner's
 * columns (as the extension host forwards them); the view follows the newest time and ends equal
 * to a one-shot load. A malformed batch is refused whole and reported to the host.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { encodeEvents } from '../../src/protocol/eventColumns';
import type { LabEvent } from '../../src/protocol/events';
import { startLab } from '../support/runLab';
import { hook, openLog, settle, shot, useBrowser } from './browser';

const post = (page: Page, msg: unknown) => page.evaluate((m) => window.postMessage(m, '*'), msg);
/** Posts a batch as the host does: the runner's batch in columns, as bytes. */
const postCols = (page: Page, runId: string, cols: Uint8Array) =>
  page.evaluate(([id, bytes]) => window.postMessage({ type: 'batch', runId: id, cols: new Uint8Array(bytes) }, '*'), [runId, [...cols]] as const);

interface View { t0: number; t1: number; follow: boolean; playhead: number; tEnd: number; ended: boolean; eventCount: number }

describe('timeline webview, live streaming (headless Chromium)', function () {
  this.timeout(300_000);
  const browser = useBrowser();

  it('follows a live run batch by batch and ends consistent with a one-shot load', async () => {
    const page = await openLog(browser(), 'live-host', []);
    const runId = 'live-1';
    await post(page, { type: 'load', runId, lang: 'en', mode: 'panel', events: [], live: true });
    const seen: LabEvent[] = [];
    const views: { view: View; expectEnd: number; count: number }[] = [];
    let chain = Promise.resolve();
    const run = startLab('producer-consumer-sentinel', { speed: 4, seed: 5 }, (batch, cols) => {
      seen.push(...batch);
      const expectEnd = seen[seen.length - 1].t, count = seen.length;
      chain = chain.then(async () => {
        await postCols(page, runId, cols);
        await settle(page);
        views.push({ view: await hook<View>(page, 'view'), expectEnd, count });
      });
    });
    const result = await run.result;
    await chain;
    assert.ok(views.length >= 3, `several batches arrived live (${views.length})`);
    for (const { view, expectEnd, count } of views.slice(0, -1)) {
      if (view.ended) continue;
      assert.equal(view.eventCount, count);
      assert.ok(view.follow, 'following while live');
      assert.equal(view.playhead, expectEnd, 'the playhead is at the newest event');
      assert.ok(view.t0 <= expectEnd && expectEnd <= view.t1, 'the newest event is in view');
    }
    await post(page, { type: 'ended', runId });
    await settle(page);
    await shot(page, 'live-streamed');

    const oneShot = await openLog(browser(), 'live-oneshot', result.events);
    assert.equal(await hook(page, 'laneCount'), await hook(oneShot, 'laneCount'));
    assert.equal(await hook(page, 'banner'), await hook(oneShot, 'banner'));
    assert.equal(await hook(page, 'timeScale'), 4, 'times shown in lab seconds once run.start streamed in');
    assert.equal(await hook(oneShot, 'timeScale'), 4);
    assert.ok((await hook<string>(page, 'banner')).length > 0);
    const tEnd = (await hook<View>(oneShot, 'view')).tEnd;
    assert.equal((await hook<View>(page, 'view')).tEnd, tEnd);
    for (let k = 0; k <= 20; k++) {
      const t = Math.round((tEnd * k) / 20);
      assert.deepEqual(await hook(page, 'stateAt', t), await hook(oneShot, 'stateAt', t), `same state at ${t} µs`);
    }
    assert.deepEqual(page.errors, []);
    await page.close();
    await oneShot.close();
  });

  it('refuses a malformed batch whole, tells the host, and keeps what it had', async () => {
    const page = await openLog(browser(), 'live-bad', []);
    const runId = 'live-2';
    const start: LabEvent = { v: 1, seq: 0, t: 0, proc: -1, kind: 'run.start', lab: 'x', title: { en: 'X', 'zh-CN': 'X' }, seed: 1, speed: 1 };
    const spawn: LabEvent = { v: 1, seq: 1, t: 5, proc: 0, kind: 'proc.spawn', name: 'MainProcess', parent: -1, daemon: false, pid: 7 };
    await post(page, { type: 'load', runId, lang: 'en', mode: 'panel', events: [], live: true });
    await postCols(page, runId, encodeEvents([start]));
    await postCols(page, runId, encodeEvents([spawn, { v: 1, seq: 2, t: 6, proc: 0, kind: 'lock.create', obj: -1, name: 'l' }]));
    await postCols(page, runId, encodeEvents([spawn]).subarray(0, 20));
    await settle(page);
    assert.equal((await hook<View>(page, 'view')).eventCount, 1, 'neither bad batch was taken in, not even its good first event');
    const outbox = await page.evaluate(() => (window as unknown as { __timelineOutbox: { type: string; message?: string }[] }).__timelineOutbox.filter((m) => m.type === 'log').map((m) => m.message));
    assert.equal(outbox.length, 2);
    assert.match(outbox[0]!, /event 2 of the batch \(seq 2\): lock\.create: field "obj" is not uint/);
    assert.match(outbox[1]!, /cut short/);
    await postCols(page, runId, encodeEvents([spawn]));
    await settle(page);
    assert.equal(await hook(page, 'laneCount'), 1, 'the good batch after them is drawn');
    assert.deepEqual(page.errors, []);
    await page.close();
  });
});
