/** Places each diagnosis where it happened, so a lost update is drawn on the write that lost it. */
import { FileOp, type DiagMark } from './timelineFiles';
import type { TimelineModel } from './timeline';

export function placeDiag(m: TimelineModel, d: DiagMark): void {
  // `at` is the seq of the event the finding is about; stored events are indexed by seq.
  if (d.at !== undefined && d.at < m.t.n && m.dropped === 0) {
    d.t = m.t.a[d.at];
    return;
  }
  const file = d.objs.map((o) => m.files.get(o)).find((f) => f);
  if (file && d.code === 'torn-read') {
    for (const p of d.procs) {
      for (let i = 0; i < file.opT.n; i++) {
        if (file.opProc.a[i] === p && file.op.a[i] === FileOp.TornRead) {
          d.t = file.opT.a[i];
          return;
        }
      }
    }
  }
  if (file && (d.code === 'lost-update' || d.code === 'oversold')) {
    // The write that clobbered another: the latest of the named processes' first writes.
    let t = -1;
    for (const p of d.procs) {
      for (let i = 0; i < file.opT.n; i++) {
        if (file.opProc.a[i] === p && file.op.a[i] === FileOp.Write) {
          t = Math.max(t, file.opT.a[i]);
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
