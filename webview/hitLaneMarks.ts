/** Hover lines for what is drawn over a lane: a lost-update dot, a preemption, a read→write window, prints. */
import { formatValue } from '../src/protocol/preview';
import type { TimelineModel } from '../src/model/timeline';
import { raceWindowAt } from './raceWindows';
import { printsNear } from './lanePrints';
import { preemptionLines } from './preemptions';
import { diagDotAt, diagName } from './diagNames';
import { logText, tr } from './i18n';
import { fmtDur } from './text';
import { siteLabel } from '../src/model/siteText';

const when = (t: number) => `${tr('at')} ${fmtDur(t)}`;

/** Lines about the marks of `proc` near t (tol: µs of a few pixels), most specific first. */
export function laneMarkLines(m: TimelineModel, proc: number, t: number, tol: number): string[] {
  const lines: string[] = [];
  const d = diagDotAt(m, proc, t, tol);
  if (d) lines.push(`⚠ ${diagName(d.code)} ${when(d.t)}${tr('colon')}${logText(d.message)}`);
  lines.push(...preemptionLines(m, proc, t, tol));
  const w = raceWindowAt(m, proc, t, 0);
  if (w) {
    const f = m.files.get(w.file)!;
    lines.push(
      `${tr('raceWindow')}${tr('colon')}${tr('raceWindowLine', {
        file: f.name,
        read: formatValue(f.opValue[w.readIdx]),
        at: when(w.t0),
        written: formatValue(f.opValue[w.writeIdx]),
        when: when(w.t1),
      })}`,
    );
  }
  for (const i of printsNear(m, proc, t, tol)) {
    const place = m.sites.get(m.logs[i].site);
    const code = place ? ` — ${siteLabel(place, 'print()')}` : '';
    lines.push(`${tr('print')}${tr('colon')}${m.logs[i].text} (${when(m.logs[i].t)})${code}`);
  }
  return lines;
}
