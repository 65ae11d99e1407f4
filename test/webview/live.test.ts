/**
 * Live streaming: a real run's event batches are posted to the app as they arrive (as the
 * extension host does); the view follows the newest time and ends equal to a one-shot load.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { LabEvent } from '../../src/protocol/events';
import { ensureBuilt } from '../support/build';
import { startLab } from '../support/runLab';
import { launch, openLog, settle, shot, type Session } from './browser';

type Hook = Record<string, (...a: unknown[]) => unknown>;
const hook = <T>(page: Page, fn: string, ...args: unknown[]) =>
  page.evaluate(([f, a]) => ((window as unknown as { __timeline: Hook }).__timeline[f as string] as (...x: unknown[]) => unknown)(...(a as unknown[])), [fn, args] as const) as Promise<T>;
const post = (page: Page, msg: unknown) => page.evaluate((m) => window.postMessage(m, '*'), msg);

interface View { t0: number; t1: number; follow: boolean; playhead: number; tEnd: number; ended: boolean; eventCount: number }

describe('timeline webview, live streaming (headless Chromium)', function () {
  this.timeout(300_000);
  let session: Session;
  before(async () => { await ensureBuilt(); session = await launch(); });
  after(async () => { await session?.close(); });

  it('follows a live run batch by batch and ends consistent with a one-shot load', async () => {
    const page = await openLog(session.browser, 'live-host', []);
    const runId = 'live-1';
    await post(page, { type: 'load', runId, lang: 'en', mode: 'panel', events: [], live: true });
    const seen: LabEvent[] = [];
    const views: { view: View; expectEnd: number; count: number }[] = [];
    let chain = Promise.resolve();
    const run = startLab('producer-consumer-sentinel', { speed: 4, seed: 5 }, (batch) => {
      seen.push(...batch);
      const expectEnd = seen[seen.length - 1].t, count = seen.length;
      chain = chain.then(async () => {
        await post(page, { type: 'events', runId, events: batch });
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

    const oneShot = await openLog(session.browser, 'live-oneshot', result.events);
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
});
