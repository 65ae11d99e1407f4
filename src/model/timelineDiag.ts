/** Places each diagnosis where it happened, so a lost update is drawn on the write that lost it. */
import { FileOp, type DiagMark } from './timelineFiles';
import type { TimelineModel } from './timeline';

export function placeDiag(m: TimelineModel, d: DiagMark): void {
  // `at` is the seq of the event the finding is about; stored events are indexed by seq.
  if (d.at !== undefined && d.at < m.t.count && m.dropped === 0) {
    d.t = m.t.values[d.at];
    return;
  }
  const file = d.objs.map((o) => m.files.get(o)).find((f) => f);
  if (file && d.code === 'torn-read') {
    for (const p of d.procs) {
      for (let i = 0; i < file.opT.count; i++) {
        if (file.opProc.values[i] === p && file.op.values[i] === FileOp.TornRead) {
          d.t = file.opT.values[i];
          return;
        }
      }
    }
  }
  if (file && (d.code === 'lost-update' || d.code === 'oversold')) {
    // The write that clobbered another: the latest of the named processes' first writes.
    let t = -1;
    for (const p of d.procs) {
      for (let i = 0; i < file.opT.count; i++) {
        if (file.opProc.values[i] === p && file.op.values[i] === FileOp.Write) {
          t = Math.max(t, file.opT.values[i]);
          break;
        }
      }
    }
    if (t >= 0) {
      d.t = t;
      return;
    }
  }
  d.t = d.eventT;
}
