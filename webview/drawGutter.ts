/** The label gutter left of the plot: section headers, process names and pids, track names. */
import type { Frame } from './frame';
import { drawLaneLabel } from './drawLanes';
import { fitText } from './text';
import { tr } from './i18n';

export function drawGutter(f: Frame): void {
  const { ctx, theme, lay, m } = f;
  for (const r of lay.rows) {
    if (r.kind === 'header') {
      ctx.fillStyle = theme.c.muted;
      ctx.font = `600 ${theme.fontSize - 1}px ${theme.font}`;
      ctx.fillText(tr(r.label).toUpperCase(), 10, r.y + r.h / 2 + 2);
      continue;
    }
    if (r.kind === 'lane') { drawLaneLabel(f, m.lanes[r.index], r.y, r.h, lay.gutter); continue; }
    ctx.fillStyle = theme.c.fg;
    ctx.font = `600 ${theme.fontSize}px ${theme.font}`;
    const name = r.kind === 'lock' ? m.locks.get(r.obj)!.name : r.kind === 'queue' ? m.queues.get(r.obj)!.name : m.files.get(r.obj)!.name;
    fitText(ctx, name, 10, r.y + 11, lay.gutter - 16);
    ctx.font = `${theme.fontSize - 2}px ${theme.font}`;
    ctx.fillStyle = theme.c.muted;
    fitText(ctx, subtitle(f, r.kind, r.obj), 10, r.y + 25, lay.gutter - 16);
  }
  ctx.font = `${theme.fontSize}px ${theme.font}`;
}

function subtitle(f: Frame, kind: 'lock' | 'queue' | 'file', obj: number): string {
  const { m } = f;
  if (kind === 'lock') { const l = m.locks.get(obj)!; return `${tr('lock')} · max ${l.maxWaiters} ${tr('waiters')}`; }
  if (kind === 'queue') {
    const q = m.queues.get(obj)!;
    return `${q.joinable ? 'JoinableQueue' : 'Queue'} · ${q.maxsize ? `${tr('maxsize')} ${q.maxsize}` : tr('unbounded')}`;
  }
  return tr('file');
}
