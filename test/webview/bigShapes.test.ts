// Big shapes in real Chromium: thousands of tracks are drawn as a virtual list (a canvas the size
// of the viewport, whatever the row count), and a 100k-item queue keeps the panels bounded.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { LabEvent } from '../../src/protocol/events';
import { LogBuilder } from '../support/logBuilder';
import { hook, openLog, settle, shot, useBrowser } from './browser';

const VIEWPORT = { width: 1280, height: 900 };

/** `tracks` locks, the first `busy` of them taken and released in turn by two processes. */
function manyLocks(tracks: number, busy: number): LabEvent[] {
  const b = new LogBuilder().start().spawn(0, 'MainProcess').spawn(1, 'Worker-1');
  const locks: number[] = [];
  for (let i = 0; i < tracks; i++) locks.push(b.after(1).createLock(`lock-${i}`));
  for (let i = 0; i < busy; i++) {
    const L = locks[i % locks.length];
    b.after(5).request(1, L).acquire(1, L).after(20).release(1, L);
  }
  return b.after(10).exit(1).exit(0).end().build();
}

interface CanvasFacts {
  backing: { width: number; height: number };
  /** Pixels below the axis that differ from the most common colour (the background). */
  inked: number;
}

/** Reads the canvas back: its backing size and how much of its row area is drawn on. */
async function canvasFacts(page: Page): Promise<CanvasFacts> {
  return page.evaluate(() => {
    const c = document.querySelector('canvas.tl-canvas') as HTMLCanvasElement;
    const ctx = c.getContext('2d')!;
    const top = Math.min(c.height - 1, 40);
    const data = ctx.getImageData(0, top, c.width, c.height - top).data;
    const counts = new Map<number, number>();
    for (let i = 0; i < data.length; i += 4) {
      const v = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const most = Math.max(...counts.values());
    return { backing: { width: c.width, height: c.height }, inked: data.length / 4 - most };
  });
}

async function scrollRowsTo(page: Page, fraction: number): Promise<void> {
  await page.evaluate((f) => {
    const wrap = document.querySelector('.tl-canvas-wrap') as HTMLElement;
    wrap.scrollTop = f * (wrap.scrollHeight - wrap.clientHeight);
  }, fraction);
  await settle(page);
}

interface ShownRows {
  first: number;
  fullHeight: number;
  rows: { kind: string; obj?: number; y: number }[];
}

describe('timeline with big shapes (headless Chromium)', function () {
  this.timeout(240_000);
  const browser = useBrowser();

  it('draws 2,000 lock tracks (not a blank canvas) on a canvas no taller than the view', async () => {
    const page = await openLog(browser(), 'big-2k-locks', manyLocks(2000, 400), 'en', VIEWPORT);
    const facts = await canvasFacts(page);
    assert.ok(facts.backing.height <= VIEWPORT.height, `canvas ${JSON.stringify(facts.backing)}`);
    assert.ok(facts.inked > 2000, `only ${facts.inked} pixels drawn below the axis`);
    const rows = await hook<ShownRows>(page, 'layout');
    assert.ok(rows.fullHeight > 2000 * 30, `the rows need ${rows.fullHeight} px in all`);
    assert.ok(rows.rows.length < 60, `${rows.rows.length} rows drawn, only those on screen`);
    await shot(page, 'big-2k-locks');
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  it('opens 50,000 lock tracks without an error and shows the last ones when scrolled there', async () => {
    const page = await openLog(browser(), 'big-50k-locks', manyLocks(50_000, 2000), 'en', VIEWPORT);
    assert.equal((await hook<unknown[]>(page, 'tracks')).length, 50_000);
    let facts = await canvasFacts(page);
    assert.ok(facts.backing.height <= VIEWPORT.height, `canvas ${JSON.stringify(facts.backing)}`);
    assert.ok(facts.inked > 2000, `only ${facts.inked} pixels drawn at the top`);
    await scrollRowsTo(page, 1);
    const rows = await hook<ShownRows>(page, 'layout');
    const objs = rows.rows.filter((r) => r.kind === 'lock').map((r) => r.obj!);
    const tracks = await hook<{ obj: number }[]>(page, 'tracks');
    assert.ok(objs.includes(tracks.at(-1)!.obj), 'the last track is on screen at the bottom');
    assert.ok(rows.first > 49_000, `first row shown: ${rows.first}`);
    facts = await canvasFacts(page);
    assert.ok(facts.inked > 2000, `only ${facts.inked} pixels drawn at the bottom`);
    await shot(page, 'big-50k-locks-bottom');
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  it('keeps the state panel bounded for a queue of 100,000 items', async () => {
    const b = new LogBuilder().start().spawn(0, 'MainProcess');
    const Q = b.createQueue('jobs');
    for (let i = 0; i < 100_000; i++) b.after(1).put(0, Q, i);
    const events = b.after(10).exit(0).end().build();
    const page = await openLog(browser(), 'big-100k-queue', events, 'en', VIEWPORT);
    const tEnd = (await hook<{ tEnd: number }>(page, 'view')).tEnd;
    await hook(page, 'setPlayhead', tEnd - 5);
    await settle(page);
    const slots = await page.locator('#tl-state .tl-slot').count();
    assert.ok(slots <= 50, `${slots} items listed in the state panel`);
    const text = (await page.locator('#tl-state').textContent()) ?? '';
    assert.match(text, /jobs \(100000\)/);
    assert.match(text, /… and 99950 more/);
    assert.deepEqual(page.errors, []);
    await page.close();
  });
});
