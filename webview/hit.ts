/** What is under the pointer: a few lines of plain text (what, who, when, how long, values). */
import { formatValue } from '../src/protocol/preview';
import { STATE_NAMES, type LaneState } from '../src/model/timelineLanes';
import { FileOp } from '../src/model/timelineFiles';
import { countLE } from '../src/model/timelineColumns';
import type { TimelineModel } from '../src/model/timeline';
import type { Row } from './layout';
import type { Viewport } from './viewport';
import { getLang, inBrackets, logText, objWord, procWord, tr, type Key } from './i18n';
import { exitReasonText } from '../src/model/exitReasonWords';
import { fmtDur } from './text';
import { poolTaskLines } from './hitPool';
import { PANEL_LIST_LIMIT } from './listLimit';
import { laneMarkLines } from './hitLaneMarks';
import { diagName } from './diagNames';
import { CALL_OF_STATE, siteLabel } from '../src/model/siteText';

export interface Detail {
  title: string;
  lines: string[];
  /** The call site of what is under the pointer (the line a click reveals), when known. */
  site?: number;
  /** Which of `lines` names that site (shown as a link where a click can reveal it). */
  siteLine?: string;
}

const when = (t: number) => `${tr('at')} ${fmtDur(t)}`;

/** `ticket.lab.mjs:14 lock.acquire()` for site `site`, or undefined when it is not known. */
function siteText(m: TimelineModel, site: number, call?: string): string | undefined {
  const place = site >= 0 ? m.sites.get(site) : undefined;
  return place ? siteLabel(place, call) : undefined;
}

/** Adds the site's line to `d` (and makes it the site `d` reveals, if it has none yet). */
function withSite(m: TimelineModel, d: Detail, site: number, call?: string): Detail {
  const text = siteText(m, site, call);
  if (text === undefined) return d;
  const line = `${tr('code')}${tr('colon')}${text}`;
  d.lines.push(line);
  if (d.site === undefined) {
    d.site = site;
    d.siteLine = line;
  }
  return d;
}

/** The site of the acquire of the latest hold of `lane` still held at t, or -1. */
function holdSiteAt(lane: TimelineModel['lanes'][number], t: number): number {
  for (let i = countLE(lane.holdStart.values, lane.holdStart.count, t) - 1; i >= 0; i--)
    if (lane.holdEnd.values[i] > t) return lane.holdSite.values[i];
  return -1;
}

export function hitTest(
  m: TimelineModel,
  row: Row,
  t: number,
  vp: Viewport,
  y: number,
  tNow: number,
): Detail | undefined {
  const name = (p: number) => procWord(m.procName(p));
  if (row.kind === 'lane') {
    const lane = m.lanes[row.index];
    const info = lane.info;
    const daemon = info.daemon ? `${tr('comma')}${tr('daemon')}` : '';
    const head = `${procWord(info.name)}${inBrackets(`${tr('pid')} ${info.pid}${daemon}`)}`;
    const i = lane.spanAt(t);
    if (i < 0) return { title: head, lines: [tr('notStarted')] };
    const s = lane.state.values[i];
    const start = lane.start.values[i];
    const end =
      i + 1 < lane.spanCount
        ? lane.start.values[i + 1]
        : Number.isNaN(info.exitT)
          ? tNow
          : Infinity;
    const lines = [
      ...laneMarkLines(m, info.proc, t, 6 * vp.usPerPx),
      ...poolTaskLines(m, info.proc, t),
      `${tr(STATE_NAMES[s] as Key)}${objName(m, s, lane.obj.values[i])} — ${when(start)}${Number.isFinite(end) ? `${tr('comma')}${tr('for')} ${fmtDur(end - start)}` : ''}`,
    ];
    const holding = lane.holdingAt(t);
    if (holding.length)
      lines.push(
        `${tr('hold')}${tr('colon')}${holding.map((o) => objWord(m.locks.get(o)?.name ?? `#${o}`)).join(tr('listSep'))}`,
      );
    if (!Number.isNaN(info.exitT))
      lines.push(
        `${tr('exit')} ${info.code ?? info.signal ?? '?'}${inBrackets(exitReasonText(info.reason, getLang()))} ${when(info.exitT)}`,
      );
    const d: Detail = { title: head, lines };
    const spanSite = lane.site.values[i];
    if (spanSite >= 0) return withSite(m, d, spanSite, CALL_OF_STATE[s as LaneState]);
    return withSite(m, d, holding.length ? holdSiteAt(lane, t) : -1, 'lock.acquire()');
  }
  if (row.kind === 'lock') {
    const l = m.locks.get(row.obj)!;
    const i = countLE(l.holdStart.values, l.holdStart.count, t) - 1;
    const lines: string[] = [];
    let site = -1;
    if (i >= 0 && l.holdEnd.values[i] > t) {
      const end = l.holdEnd.values[i] === Infinity ? tNow : l.holdEnd.values[i];
      lines.push(
        `${tr('owner')}${tr('colon')}${name(l.owner.values[i])} — ${when(l.holdStart.values[i])}${tr('comma')}${tr('for')} ${fmtDur(end - l.holdStart.values[i])}`,
      );
      site = l.holdSite.values[i];
    } else lines.push(tr('free'));
    const w = l.waitersAt(t);
    const more =
      w.length > PANEL_LIST_LIMIT ? ` ${tr('more', { n: w.length - PANEL_LIST_LIMIT })}` : '';
    const shown = w.slice(0, PANEL_LIST_LIMIT).map(name).join(' → ');
    lines.push(`${tr('waiters')}${tr('colon')}${w.length ? shown + more : tr('none')}`);
    return withSite(m, { title: objWord(l.name), lines }, site, 'lock.acquire()');
  }
  if (row.kind === 'queue') {
    const q = m.queues.get(row.obj)!;
    // A tooltip and the details panel list the oldest items only: a queue may hold 100k.
    const idx = q.contentIdxAt(t, PANEL_LIST_LIMIT);
    const depth = q.depthAt(t);
    const more = depth > idx.length ? `, ${tr('more', { n: depth - idx.length })}` : '';
    const lines = [
      `${tr('depth')} ${depth}${q.maxsize ? ` / ${q.maxsize}` : ''}${tr('colon')}[${idx.map((k) => formatValue(q.putValue[k])).join(', ')}${more}]`,
    ];
    const slotH = (row.h - 8) / (row.slots ?? 1);
    const k = Math.floor((y - row.y - 4) / slotH);
    if (k >= 0 && k < idx.length) {
      const p = idx[k];
      lines.push(
        `${formatValue(q.putValue[p])}${tr('colon')}${tr('put')} ${tr('by')} ${name(q.putProc.values[p])} ${when(q.putT.values[p])}`,
      );
      const g = q.putGet.values[p];
      if (g >= 0)
        lines.push(
          `${tr('got')} ${tr('by')} ${name(q.getProc.values[g])} ${when(q.getT.values[g])}${inBrackets(`${tr('for')} ${fmtDur(q.getT.values[g] - q.putT.values[p])}`)}`,
        );
    }
    if (q.joinable) lines.push(`${tr('unfinished')}${tr('colon')}${q.unfinishedAt(t)}`);
    return { title: objWord(q.name), lines };
  }
  if (row.kind === 'sync') {
    const sync = m.syncs.get(row.obj)!;
    const w = sync.waitersAt(t);
    const shown = w.slice(0, PANEL_LIST_LIMIT).map(name).join(tr('listSep'));
    return {
      title: objWord(sync.name),
      lines: [
        `${tr('value')}${tr('colon')}${sync.levelAt(t)}`,
        `${tr('waiters')}${tr('colon')}${w.length ? shown : tr('none')}`,
      ],
    };
  }
  if (row.kind === 'file') {
    const f = m.files.get(row.obj)!;
    const lines = [`${tr('value')}${tr('colon')}${formatValue(f.valueAt(t))}`];
    // The nearest read or write within a few pixels.
    const tol = 5 * vp.usPerPx;
    const hi = countLE(f.opT.values, f.opT.count, t + tol);
    let site: number | undefined;
    for (let i = hi - 1; i >= 0 && f.opT.values[i] >= t - tol; i--) {
      const op = f.op.values[i];
      const what =
        op === FileOp.Write ? tr('write') : op === FileOp.Read ? tr('read') : tr('tornRead');
      const code = siteText(m, f.opSite.values[i], op === FileOp.Write ? 'write()' : 'read()');
      if (code !== undefined) site ??= f.opSite.values[i];
      lines.push(
        `${name(f.opProc.values[i])} ${what} ${op === FileOp.TornRead ? (f.opError[i] ?? '') : formatValue(f.opValue[i])} ${when(f.opT.values[i])}${code ? ` — ${code}` : ''}`,
      );
      if (lines.length > 6) break;
    }
    for (const d of m.diags)
      if (d.objs.includes(row.obj) && Math.abs(d.t - t) <= tol * 2)
        lines.push(`⚠ ${diagName(d.code)}${tr('colon')}${logText(d.message)}`);
    return { title: f.name, lines, site };
  }
  return undefined;
}

function objName(m: TimelineModel, state: number, obj: number): string {
  if (obj < 0) return '';
  const n =
    state === 2
      ? m.locks.get(obj)?.name
      : state === 5
        ? procWord(m.lane(obj)?.info.name ?? '')
        : (m.queues.get(obj)?.name ?? m.syncs.get(obj)?.name ?? m.pools.get(obj)?.name);
  return n ? inBrackets(objWord(n)) : '';
}
