/** The label gutter left of the plot: section headers, process names and pids, track names. */
import type { Frame } from './frame';
import type { SyncTrack } from '../src/model/timelineSyncs';
import { drawLaneLabel } from './drawLanes';
import { fitText } from './text';
import { getLang, objWord, tr } from './i18n';

/**
 * The gutter changes only with the log, the layout, the theme, the hovered row or the replay
 * playhead (exit codes appear when reached): it is drawn once into its own canvas and copied
 * while the user pans and zooms. The copy is opaque, with the row backgrounds, so text keeps
 * the same anti-aliasing as on the main canvas.
 */
const cache = {
  key: '',
  theme: undefined as Frame['theme'] | undefined,
  canvas: undefined as HTMLCanvasElement | undefined,
};

export function drawGutter(f: Frame, hoverRow: number): void {
  const { lay, theme, m, vp } = f,
    dpr = f.batch.dpr;
  const key = `${m.version}|${lay.height}|${lay.scrollTop}|${lay.first}|${lay.gutter}|${lay.rows.length}|${hoverRow}|${vp.revealT}|${dpr}|${getLang()}`;
  const c = (cache.canvas ??= document.createElement('canvas'));
  if (key !== cache.key || theme !== cache.theme) {
    cache.key = key;
    cache.theme = theme;
    c.width = Math.round(lay.gutter * dpr);
    c.height = Math.round(lay.height * dpr);
    const g = c.getContext('2d', { alpha: false })!;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.textBaseline = 'middle';
    g.fillStyle = theme.c.bg;
    g.fillRect(0, 0, lay.gutter, lay.height);
    lay.rows.forEach((r, i) => {
      if (r.kind === 'header') {
        g.fillStyle = theme.c.grid;
        g.fillRect(0, r.y + r.h - 1, lay.gutter, 1);
      } else if ((r.kind === 'lane' && r.index % 2 === 1) || i === hoverRow) {
        g.fillStyle = theme.c.rowAlt;
        g.fillRect(0, r.y, lay.gutter, r.h);
      }
    });
    drawLabels({ ...f, ctx: g });
  }
  f.ctx.drawImage(c, 0, 0, lay.gutter, lay.height);
}

function drawLabels(f: Frame): void {
  const { ctx, theme, lay, m } = f;
  for (const r of lay.rows) {
    if (r.kind === 'header') {
      ctx.fillStyle = theme.c.muted;
      ctx.font = `600 ${theme.fontSize - 1}px ${theme.font}`;
      ctx.fillText(tr(r.label).toUpperCase(), 10, r.y + r.h / 2 + 2);
      continue;
    }
    if (r.kind === 'lane') {
      drawLaneLabel(f, m.lanes[r.index], r.y, r.h, lay.gutter);
      continue;
    }
    ctx.fillStyle = theme.c.fg;
    ctx.font = `600 ${theme.fontSize}px ${theme.font}`;
    const name = objWord(
      r.kind === 'lock'
        ? m.locks.get(r.obj)!.name
        : r.kind === 'queue'
          ? m.queues.get(r.obj)!.name
          : r.kind === 'sync'
            ? m.syncs.get(r.obj)!.name
            : m.files.get(r.obj)!.name,
    );
    // A row too short for two lines (the Live view) shows its name only: a subtitle would run
    // into the next row's name.
    const two = r.h >= 30;
    fitText(ctx, name, 10, two ? r.y + 11 : r.y + r.h / 2, lay.gutter - 16);
    if (!two) continue;
    ctx.font = `${theme.fontSize - 2}px ${theme.font}`;
    ctx.fillStyle = theme.c.muted;
    fitText(ctx, subtitle(f, r.kind, r.obj), 10, r.y + 25, lay.gutter - 16);
  }
  ctx.font = `${theme.fontSize}px ${theme.font}`;
}

function subtitle(f: Frame, kind: 'lock' | 'queue' | 'file' | 'sync', obj: number): string {
  const { m } = f;
  if (kind === 'sync') return syncSubtitle(m.syncs.get(obj)!);
  if (kind === 'lock') {
    const l = m.locks.get(obj)!;
    // "at most 0 waiting" says nothing a reader can use.
    return l.maxWaiters > 0 ? tr('lockMaxWaiting', { n: l.maxWaiters }) : tr('lockNoneWaited');
  }
  if (kind === 'queue') {
    const q = m.queues.get(obj)!;
    return `${q.joinable ? 'JoinableQueue' : 'Queue'} · ${q.maxsize ? `${tr('maxsize')} ${q.maxsize}` : tr('unbounded')}`;
  }
  return m.files.get(obj)?.label ?? tr('file');
}

const SYNC_CLASS = {
  semaphore: 'Semaphore',
  event: 'Event',
  condition: 'Condition',
  barrier: 'Barrier',
  pipe: 'Pipe',
} as const;

/** "Semaphore(3)", "Barrier(4)", "Event", "Condition". */
function syncSubtitle(s: SyncTrack): string {
  const cls = SYNC_CLASS[s.kind];
  return s.kind === 'semaphore' || s.kind === 'barrier' ? `${cls}(${s.size})` : cls;
}
