/**
 * ticket-race in headless Chromium: each buyer's read→write window drawn on its lane, the
 * lost-update dots hoverable and clickable, findings that move the playhead and are named in
 * words, and print() on the lanes and in a list. The run is real (the engine, this test run).
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { LabEvent } from '../../src/protocol/events';
import type { UiLang } from '../../src/protocol/webview';
import { fixture, runLab } from '../support/runLab';
import { canvasPixel, hook, openLog, settle, shot, useBrowser } from './browser';

interface Row {
  kind: string;
  y: number;
  h: number;
  proc?: number;
}
interface Window {
  proc: number;
  t0: number;
  t1: number;
}
interface Mark {
  code: string;
  t: number;
  procs: number[];
  message: Record<string, string>;
}

/** Each process's first read since its last write, until its next write (from the log itself). */
function windowsOf(events: readonly LabEvent[]): Window[] {
  const open = new Map<number, number>();
  const out: Window[] = [];
  for (const e of events) {
    if (e.kind === 'file.read' && !open.has(e.proc)) open.set(e.proc, e.t);
    if (e.kind === 'file.write' && open.has(e.proc)) {
      out.push({ proc: e.proc, t0: open.get(e.proc)!, t1: e.t });
      open.delete(e.proc);
    }
  }
  return out;
}

async function geometry(page: Page) {
  const v = await hook<{ t0: number; t1: number; playhead: number }>(page, 'view');
  const lay = await hook<{ gutter: number; width: number; rows: Row[] }>(page, 'layout');
  const box = (await page.locator('canvas').boundingBox())!;
  const xOf = (t: number) => lay.gutter + ((t - v.t0) / (v.t1 - v.t0)) * lay.width;
  const lane = (proc: number) => lay.rows.find((r) => r.kind === 'lane' && r.proc === proc)!;
  return { v, lay, box, xOf, lane };
}

describe('timeline webview: the ticket race on the lanes (headless Chromium)', function () {
  this.timeout(300_000);
  const browser = useBrowser();
  let events: LabEvent[] = [];

  before(async () => {
    for (let seed = 1; seed <= 6 && !events.length; seed++) {
      const r = await runLab('ticket-race', { seed });
      const w = windowsOf(r.events);
      const overlap = w.some((a) => w.some((b) => a !== b && a.t0 < b.t1 && b.t0 < a.t1));
      const lost = r.events.some((e) => e.kind === 'diag' && e.code === 'lost-update');
      if (overlap && lost && r.events.some((e) => e.kind === 'log')) events = r.events;
    }
    assert.ok(events.length, 'a ticket-race run with overlapping windows and a lost update');
  });

  it('draws every read→write window on its buyer lane, and nothing of the kind outside them', async () => {
    const page = await openLog(browser(), 'race-windows', events);
    const w = windowsOf(events);
    const [a, b] = w.flatMap((x) =>
      w.filter((y) => y !== x && x.t0 < y.t1 && y.t0 < x.t1).map((y) => [x, y]),
    )[0];
    const lo = Math.min(a.t0, b.t0),
      hi = Math.max(a.t1, b.t1);
    await hook(page, 'setView', lo - (hi - lo), hi + (hi - lo));
    await hook(page, 'redraw');
    const g = await geometry(page);
    // Where both windows are open, both lanes show the bracket's rule at the same x.
    const both = g.xOf((Math.max(a.t0, b.t0) + Math.min(a.t1, b.t1)) / 2);
    for (const win of [a, b]) {
      const px = await canvasPixel(page, both, g.lane(win.proc).y + 4, '--tl-race');
      assert.deepEqual(px.at, px.want, `Process lane ${win.proc} has its window drawn`);
    }
    // Before the earliest window of a lane, its top edge is not the window colour.
    const first = Math.min(...w.filter((x) => x.proc === a.proc).map((x) => x.t0));
    const before = await canvasPixel(page, g.xOf(first) - 20, g.lane(a.proc).y + 4, '--tl-race');
    assert.notDeepEqual(before.at, before.want, 'no window before the first read');
    await shot(page, 'race-windows');
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  for (const lang of ['en', 'zh-CN'] as UiLang[]) {
    const name = lang === 'en' ? 'Lost update' : '丢失更新';
    it(`${lang}: a lost-update dot tells what was lost on hover and moves the playhead on click`, async () => {
      const page = await openLog(browser(), `race-dot-${lang}`, events, lang);
      const marks = await hook<Mark[]>(page, 'diagMarks');
      const d = marks.find((m) => m.code === 'lost-update')!;
      await hook(page, 'setView', d.t - 2_000_000, d.t + 2_000_000);
      await hook(page, 'redraw');
      const g = await geometry(page);
      const lane = g.lane(d.procs[0]);
      const x = g.box.x + g.xOf(d.t),
        y = g.box.y + lane.y + lane.h / 2;
      const dot = await canvasPixel(page, g.xOf(d.t), lane.y + lane.h / 2, '--tl-bad');
      // A dot is a filled circle: its centre pixel may lose a level to anti-aliasing.
      assert.ok(
        dot.at.every((c, k) => Math.abs(c - dot.want[k]) <= 2),
        `the dot is drawn where the test hovers: ${dot.at} vs ${dot.want}`,
      );
      await page.mouse.move(x, y);
      const tip = page.locator('#tl-tip');
      await tip.waitFor({ state: 'visible' });
      const text = (await tip.textContent()) ?? '';
      assert.ok(text.includes(name), text);
      assert.ok(text.includes(d.message[lang]), text);
      await shot(page, `race-dot-hover-${lang}`);
      await page.mouse.down();
      await page.mouse.up();
      await settle(page);
      const after = await hook<{ playhead: number }>(page, 'view');
      assert.equal(after.playhead, Math.max(0, d.t));
      assert.ok(((await page.locator('#tl-details').textContent()) ?? '').includes(name));
      assert.deepEqual(page.errors, []);
      await page.close();
    });

    it(`${lang}: findings are named in words and a click moves the playhead to them`, async () => {
      const page = await openLog(browser(), `race-findings-${lang}`, events, lang);
      const marks = (await hook<Mark[]>(page, 'diagMarks')).filter((m) => m.code !== 'limit');
      const links = page.locator('.tl-finding-go');
      assert.equal(await links.count(), marks.length);
      const findings = (await page.locator('.tl-findings').textContent()) ?? '';
      assert.ok(findings.includes(name), findings);
      assert.ok(!/lost-update|torn-read/.test(findings), `no codes: ${findings}`);
      const i = marks.length - 1;
      await links.nth(i).click();
      await settle(page);
      const v = await hook<{ playhead: number; t0: number; t1: number }>(page, 'view');
      assert.equal(v.playhead, Math.max(0, marks[i].t));
      assert.ok(v.t0 <= v.playhead && v.playhead <= v.t1, 'the finding is in view');
      const details = (await page.locator('#tl-details').textContent()) ?? '';
      assert.ok(details.includes(marks[i].message[lang]), details);
      await shot(page, `race-finding-picked-${lang}`);
      assert.deepEqual(page.errors, []);
      await page.close();
    });
  }

  it('print() shows as a mark on its lane (hover: the text) and in the printed list', async () => {
    const page = await openLog(browser(), 'race-prints', events);
    const logs = events.filter((e) => e.kind === 'log') as (LabEvent & { text: string })[];
    const items = page.locator('.tl-prints li');
    assert.equal(await items.count(), Math.min(200, logs.length));
    assert.ok(((await items.first().textContent()) ?? '').endsWith(logs[0].text));
    const p = logs[0];
    await hook(page, 'setView', p.t - 1_000_000, p.t + 1_000_000);
    await hook(page, 'redraw');
    const g = await geometry(page);
    const lane = g.lane(p.proc);
    const flag = await canvasPixel(page, g.xOf(p.t) + 2, lane.y + 5, '--tl-print');
    assert.deepEqual(flag.at, flag.want, 'the print flag is drawn');
    await page.mouse.move(g.box.x + g.xOf(p.t) + 2, g.box.y + lane.y + 5);
    const tip = page.locator('#tl-tip');
    await tip.waitFor({ state: 'visible' });
    assert.ok(((await tip.textContent()) ?? '').includes(`print: ${p.text}`));
    await shot(page, 'race-print-hover');
    assert.deepEqual(page.errors, []);
    await page.close();
  });
  it('draws thousands of windows zoomed out as a few brackets, not one fill and stroke each', async () => {
    const many = await runLab(fixture('many-windows.lab.mjs'), { seed: 1 });
    const writes = many.events.filter((e) => e.kind === 'file.write').length;
    assert.equal(writes, 3000, 'every write of the loop is in the log');
    const page = await openLog(browser(), 'many-windows', many.events);
    await hook(page, 'redraw');
    // Count, during one frame of the whole run, the hatched fills (only windows use a pattern)
    // and the strokes made while the window colour is the stroke style.
    const drawn = await page.evaluate(() => {
      const proto = CanvasRenderingContext2D.prototype;
      const fillRect = proto.fillRect;
      const stroke = proto.stroke;
      let fills = 0;
      let strokes = 0;
      proto.fillRect = function (...a: [number, number, number, number]) {
        if (this.fillStyle instanceof CanvasPattern) fills++;
        return fillRect.apply(this, a);
      };
      proto.stroke = function (this: CanvasRenderingContext2D, path?: Path2D) {
        strokes++;
        Reflect.apply(stroke, this, path ? [path] : []);
      };
      try {
        (window as unknown as { __timeline: { redraw(): number } }).__timeline.redraw();
      } finally {
        proto.fillRect = fillRect;
        proto.stroke = stroke;
      }
      return { fills, strokes, width: document.querySelector('canvas')!.clientWidth };
    });
    assert.ok(drawn.fills > 0, 'the windows are drawn');
    // At most one bracket per two pixels of the plot (it was one per window: 3000).
    assert.ok(drawn.fills <= drawn.width / 2, `${drawn.fills} hatched fills for ${drawn.width} px`);
    assert.ok(drawn.strokes < 200, `${drawn.strokes} strokes in one frame`);
    assert.deepEqual(page.errors, []);
  });
});
