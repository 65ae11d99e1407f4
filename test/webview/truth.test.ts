/** Zoomed all the way out, a lone event among a million-to-one crowd must still reach its pixel. */
import assert from 'node:assert/strict';
import type { LabEvent } from '../../src/protocol/events';
import { checkLog } from '../../src/protocol/validateEvent';
import { canvasPixel as pixel, hook, openLog, shot, useBrowser } from './browser';

type Row = { kind: string; y: number; h: number; obj?: number; proc?: number };

/** 20,000 plain reads by one process; one torn read, one write, one 3 µs lock hold and one 20 µs lock wait by another, mid-run. */
function crowdLog(): {
  events: LabEvent[];
  tornT: number;
  holdT: number;
  writeT: number;
  waitT: number;
} {
  const ev: LabEvent[] = [];
  let t = 0;
  const e = (proc: number, kind: string, fields: object) => {
    ev.push({ v: 1, seq: ev.length, t: (t += 10), proc, kind, ...fields } as LabEvent);
  };
  e(-1, 'run.start', { lab: 'crowd', title: { en: 'Crowd', 'zh-CN': '人群' }, seed: 1, speed: 1 });
  e(0, 'proc.spawn', { name: 'MainProcess', parent: -1, daemon: false, pid: 100 });
  e(0, 'lock.create', { obj: 1, name: 'lock' });
  e(0, 'file.create', { obj: 2, name: 'data.json', value: { n: 0 } });
  e(1, 'proc.spawn', { name: 'Reader', parent: 0, daemon: false, pid: 101 });
  e(2, 'proc.spawn', { name: 'Loner', parent: 0, daemon: false, pid: 102 });
  let tornT = 0,
    holdT = 0,
    writeT = 0,
    waitT = 0;
  for (let i = 0; i < 20_000; i++) {
    e(1, 'file.read', { obj: 2, value: { n: 0 } });
    if (i === 12_345) {
      e(2, 'file.read', { obj: 2, error: 'Expecting value: line 1 column 1 (char 0)', raw: '' });
      tornT = t;
    }
    if (i === 15_000) {
      e(2, 'file.write', { obj: 2, value: { n: 1 } });
      writeT = t;
    }
    if (i === 7_000) {
      e(2, 'lock.request', { obj: 1, block: true });
      e(2, 'lock.acquire', { obj: 1, waitedUs: 0 });
      holdT = t;
      ev.push({
        v: 1,
        seq: ev.length,
        t: (t += 3),
        proc: 2,
        kind: 'lock.release',
        obj: 1,
      } as LabEvent);
    }
    if (i === 10_000) {
      // The Reader holds the lock for a moment: the Loner waits 20 µs for it.
      e(1, 'lock.request', { obj: 1, block: true });
      e(1, 'lock.acquire', { obj: 1, waitedUs: 0 });
      e(2, 'lock.request', { obj: 1, block: true });
      waitT = t;
      e(1, 'lock.release', { obj: 1 });
      e(2, 'lock.acquire', { obj: 1, waitedUs: 20 });
      e(2, 'lock.release', { obj: 1 });
    }
  }
  for (const p of [2, 1, 0]) e(p, 'proc.exit', { code: 0, reason: 'returned' });
  e(-1, 'run.end', { status: 'ok' });
  return { events: ev, tornT, holdT, writeT, waitT };
}

describe('timeline webview, nothing lone is lost when zoomed out (headless Chromium)', function () {
  this.timeout(120_000);
  const browser = useBrowser();

  it('a single torn read among 20,000 reads stays red; a lone write, a 3 µs lock hold and a 20 µs lock wait stay drawn', async () => {
    const { events, tornT, holdT, writeT, waitT } = crowdLog();
    assert.deepEqual(checkLog(events), { ok: true });
    const page = await openLog(browser(), 'crowd', events);
    const { t0, t1 } = await hook<{ t0: number; t1: number }>(page, 'view');
    const lay = await hook<{ gutter: number; width: number; rows: Row[] }>(page, 'layout');
    const width = lay.width;
    assert.ok((t1 - t0) / width > 100, 'many reads share each pixel');
    const xOf = (t: number) => lay.gutter + ((t - t0) / (t1 - t0)) * width;
    const file = lay.rows.find((r) => r.kind === 'file')!,
      lock = lay.rows.find((r) => r.kind === 'lock')!;
    await shot(page, 'crowd-zoomed-out');
    // Dense file ticks fill the pixel column their time falls in.
    const torn = await pixel(page, Math.floor(xOf(tornT)), file.y + 4, '--tl-bad');
    assert.deepEqual(torn.at, torn.want, 'the torn read column is red');
    const write = await pixel(page, Math.floor(xOf(writeT)), file.y + file.h - 5, '--tl-hold');
    assert.deepEqual(write.at, write.want, 'the lone write among reads has its tick');
    const hold = await pixel(page, xOf(holdT), lock.y + 8, '--tl-hold');
    assert.deepEqual(hold.at, hold.want, 'the brief hold has its pixel');
    // The Loner's lane: running fills the column, and the brief wait shows as a strip along its top.
    const loner = lay.rows.find((r) => r.kind === 'lane' && r.proc === 2)!;
    const [state] = await hook<number[]>(page, 'buckets', 2, width).then((b) => [
      b[Math.round(xOf(waitT) - lay.gutter)],
    ]);
    assert.equal(state, 0, 'the column is running for most of it');
    const wait = await pixel(page, xOf(waitT), loner.y + 5, '--tl-lockWait');
    assert.deepEqual(wait.at, wait.want, 'the brief wait has its strip');
    const body = await pixel(page, xOf(waitT), loner.y + loner.h / 2 + 3, '--tl-running');
    assert.deepEqual(body.at, body.want, 'under the strip, the column says running');
    assert.deepEqual(page.errors, []);
  });
});
