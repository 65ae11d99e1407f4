/**
 * Live streaming: a real run's event batches are posted to the app as they arrive, in the runner's
 * columns (as the extension host forwards them); the view follows the newest time and ends equal
 * to a one-shot load. A malformed batch is refused whole and reported to the host.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { encodeEvents } from '../../src/protocol/eventColumns';
import type { LabEvent } from '../../src/protocol/events';
import { LIVE_GAP, LIVE_WAIT_MAX_MS } from '../../webview/framePacing';
import { startLab } from '../support/runLab';
import { hook, openLog, settle, shot, useBrowser } from './browser';

const post = (page: Page, msg: unknown) => page.evaluate((m) => window.postMessage(m, '*'), msg);
/** Posts a batch as the host does: the runner's batch in columns, as bytes. */
const postCols = (page: Page, runId: string, cols: Uint8Array) =>
  page.evaluate(
    ([id, bytes]) =>
      window.postMessage({ type: 'batch', runId: id, cols: new Uint8Array(bytes) }, '*'),
    [runId, [...cols]] as const,
  );

interface View {
  t0: number;
  t1: number;
  follow: boolean;
  playhead: number;
  tEnd: number;
  ended: boolean;
  eventCount: number;
}

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
      const expectEnd = seen[seen.length - 1].t,
        count = seen.length;
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
    assert.equal(
      await hook(page, 'timeScale'),
      4,
      'times shown in lab seconds once run.start streamed in',
    );
    assert.equal(await hook(oneShot, 'timeScale'), 4);
    assert.ok((await hook<string>(page, 'banner')).length > 0);
    const tEnd = (await hook<View>(oneShot, 'view')).tEnd;
    assert.equal((await hook<View>(page, 'view')).tEnd, tEnd);
    for (let k = 0; k <= 20; k++) {
      const t = Math.round((tEnd * k) / 20);
      assert.deepEqual(
        await hook(page, 'stateAt', t),
        await hook(oneShot, 'stateAt', t),
        `same state at ${t} µs`,
      );
    }
    assert.deepEqual(page.errors, []);
    await page.close();
    await oneShot.close();
  });

  it('paces its frames while a run too big to draw at frame rate streams in, and still draws the newest events', async () => {
    // 4 processes taking a lock in turn: a long run so far, then small live batches, in the runner's columns.
    const before = 480_000,
      rounds = 4,
      per = 30;
    const events: LabEvent[] = [
      {
        v: 1,
        seq: 0,
        t: 0,
        proc: -1,
        kind: 'run.start',
        lab: 'x',
        title: { en: 'X', 'zh-CN': 'X' },
        seed: 1,
        speed: 1,
      },
      ...[0, 1, 2, 3].map((p): LabEvent => ({
        v: 1,
        seq: 1 + p,
        t: 1,
        proc: p,
        kind: 'proc.spawn',
        name: `P${p}`,
        parent: p ? 0 : -1,
        daemon: false,
        pid: 100 + p,
      })),
      { v: 1, seq: 5, t: 2, proc: 0, kind: 'lock.create', obj: 1, name: 'lock' },
    ];
    for (let i = 0; events.length < before + rounds * per; i++) {
      const p = i % 4,
        t = 10 + 30 * i,
        seq = events.length;
      events.push({ v: 1, seq, t, proc: p, kind: 'lock.request', obj: 1, block: true });
      events.push({
        v: 1,
        seq: seq + 1,
        t: t + 5,
        proc: p,
        kind: 'lock.acquire',
        obj: 1,
        waitedUs: 5,
      });
      events.push({ v: 1, seq: seq + 2, t: t + 20, proc: p, kind: 'lock.release', obj: 1 });
    }
    events.length = before + rounds * per;
    const page = await openLog(browser(), 'live-paced', []);
    const runId = 'live-3';
    await post(page, { type: 'load', runId, lang: 'en', mode: 'panel', events: [], live: true });
    // The run so far in one post (as base64: a quarter million events are too many numbers for an evaluate).
    await page.evaluate(
      ([id, b64]) =>
        window.postMessage(
          { type: 'batch', runId: id, cols: Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)) },
          '*',
        ),
      [runId, Buffer.from(encodeEvents(events.slice(0, before))).toString('base64')] as const,
    );
    await settle(page);
    // A frame made slower than a batch, as on a run of millions of events: the page's CPU runs 4× slower.
    const cdp = await page.context().newCDPSession(page);
    // Frames must be slow for the case to mean something; a fast machine gets more throttling.
    let rate = 4;
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    type Frame = { at: number; ms: number; count: number };
    const gaps: { ms: number; gap: number }[] = [];
    for (let k = 0; k < rounds; k++) {
      const bytes = encodeEvents(events.slice(before + k * per, before + (k + 1) * per));
      // In the page: draw a frame now, then a small live batch arrives; when does the next frame begin?
      gaps.push(
        await page.evaluate(
          async ([id, b]) => {
            const h = (
              window as unknown as { __timeline: { redraw(): number; lastFrame(): Frame } }
            ).__timeline;
            h.redraw();
            const drawn = h.lastFrame();
            window.postMessage({ type: 'batch', runId: id, cols: new Uint8Array(b) }, '*');
            const give = performance.now() + 20_000;
            while (h.lastFrame().count === drawn.count && performance.now() < give)
              await new Promise((r) => setTimeout(r, 2));
            return {
              ms: drawn.ms,
              gap: h.lastFrame().count === drawn.count ? Infinity : h.lastFrame().at - drawn.at,
            };
          },
          [runId, [...bytes]] as const,
        ),
      );
      if (gaps[k].ms <= 8 && rate < 32) {
        rate *= 2;
        await cdp.send('Emulation.setCPUThrottlingRate', { rate });
      }
    }
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const detail = gaps
      .map((g) => `${g.ms.toFixed(0)} ms frame, next after ${g.gap.toFixed(0)} ms`)
      .join('; ');
    assert.ok(
      gaps.some((g) => g.ms > 8),
      `frames are slow here, as the case needs (${detail})`,
    );
    for (const g of gaps) {
      // A frame of d ms is followed by LIVE_GAP·d ms without one, at most LIVE_WAIT_MAX_MS (a
      // timer never fires early)...
      assert.ok(
        g.gap >= g.ms + Math.min(LIVE_GAP * g.ms, LIVE_WAIT_MAX_MS) - 1,
        `a live batch was drawn too soon after a slow frame: ${detail}`,
      );
      // ...and the batch is drawn all the same.
      assert.ok(Number.isFinite(g.gap), `the live batch was never drawn: ${detail}`);
    }
    assert.equal((await hook<View>(page, 'view')).eventCount, before + rounds * per);
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  it('refuses a malformed batch whole, tells the host, and keeps what it had', async () => {
    const page = await openLog(browser(), 'live-bad', []);
    const runId = 'live-2';
    const start: LabEvent = {
      v: 1,
      seq: 0,
      t: 0,
      proc: -1,
      kind: 'run.start',
      lab: 'x',
      title: { en: 'X', 'zh-CN': 'X' },
      seed: 1,
      speed: 1,
    };
    const spawn: LabEvent = {
      v: 1,
      seq: 1,
      t: 5,
      proc: 0,
      kind: 'proc.spawn',
      name: 'MainProcess',
      parent: -1,
      daemon: false,
      pid: 7,
    };
    await post(page, { type: 'load', runId, lang: 'en', mode: 'panel', events: [], live: true });
    await postCols(page, runId, encodeEvents([start]));
    await postCols(
      page,
      runId,
      encodeEvents([
        spawn,
        { v: 1, seq: 2, t: 6, proc: 0, kind: 'lock.create', obj: -1, name: 'l' },
      ]),
    );
    await postCols(page, runId, encodeEvents([spawn]).subarray(0, 20));
    await settle(page);
    assert.equal(
      (await hook<View>(page, 'view')).eventCount,
      1,
      'neither bad batch was taken in, not even its good first event',
    );
    const outbox = await page.evaluate(() =>
      (
        window as unknown as { __timelineOutbox: { type: string; message?: string }[] }
      ).__timelineOutbox
        .filter((m) => m.type === 'log')
        .map((m) => m.message),
    );
    assert.equal(outbox.length, 2);
    assert.match(
      outbox[0]!,
      /event 2 of the batch \(seq 2\): lock\.create: field "obj" is not uint/,
    );
    assert.match(outbox[1]!, /cut short/);
    await postCols(page, runId, encodeEvents([spawn]));
    await settle(page);
    assert.equal(await hook(page, 'laneCount'), 1, 'the good batch after them is drawn');
    assert.deepEqual(page.errors, []);
    await page.close();
  });
});
