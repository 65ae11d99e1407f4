/**
 * `window.__timeline`: a small read-only hook for tests and the benchmark, installed only by the
 * test build (`dist/webview-test.js`, entry `testEntry.ts`); the shipped `dist/webview.js` has none.
 *   laneCount()                 number of process lanes
 *   lanes()                     [{proc, name, pid, daemon, exitCode, reason}]
 *   tracks()                    [{kind: 'lock'|'queue'|'file'|'sync', obj, name}]
 *   stateAt(t)                  full snapshot at t µs (procs, locks, queues, files)
 *   lockState(obj, t)           {owner, ownerName, waiters, waiterNames}
 *   queueContents(obj, t)       the item values in the queue at t, oldest first
 *   banner()                    the outcome banner text as shown
 *   diagMarks()                 [{code, t, procs, objs, message}] placed on the canvas
 *   steps()                     a controlled run's decisions [{step, chosen, t}]; stepOpen() the open one's step
 *   diagPills()                 [{x, text, w, count}] the diagnosis labels of the last frame (CSS px in the plot)
 *   view()                      {t0, t1, follow, playhead, tEnd, ended, eventCount}
 *   setView(t0, t1)             sets the visible window (stops following)
 *   setPlayhead(t)              moves the playhead (the state panel follows)
 *   stateText()                 text of the state panel, as a screen reader gets it
 *   feed(msg)                   hands a host message to the app through the same validation (bench)
 *   frameTimes()                draw time of each frame so far, ms
 *   lastFrame()                 {at, ms, count}: when the last frame began (performance.now), its draw time, frames so far
 *   redraw()                    draws one frame now and returns its draw time, ms
 *   buckets(proc, width)        LOD state per pixel for a lane over the current view
 *   timeScale()                 the factor from run clock to the lab seconds shown (the run's speed)
 *   layout()                    {gutter, width, rows, first, scrollTop, fullHeight} of the last frame: the rows on
 *                               screen [{kind, y, h, proc?, obj?}] in canvas CSS px, the first one's index in all rows
 * The view itself never reads it.
 */
import { stateAt, lockStateAt, queueStateAt } from '../src/model/timelineState';
import { laneBuckets } from '../src/model/timelineLod';
import type { ViewController } from './viewController';
import { timeScale } from './text';
import { lastPills } from './drawFiles';

export function installTestHook(app: ViewController): void {
  const m = () => app.model;
  const hook = {
    laneCount: () => m().lanes.length,
    lanes: () =>
      m().lanes.map((l) => ({
        proc: l.info.proc,
        name: l.info.name,
        pid: l.info.pid,
        daemon: l.info.daemon,
        exitCode: l.info.code,
        reason: l.info.reason,
      })),
    tracks: () =>
      m().tracks.map((t) => ({
        ...t,
        name: {
          lock: m().locks,
          queue: m().queues,
          file: m().files,
          sync: m().syncs,
          pool: m().pools,
        }[t.kind].get(t.obj)?.name,
      })),
    stateAt: (t: number) => stateAt(m(), t),
    lockState: (obj: number, t: number) => lockStateAt(m(), obj, t),
    queueContents: (obj: number, t: number) => queueStateAt(m(), obj, t)?.contents,
    banner: () => app.elements.banner.textContent ?? '',
    diagMarks: () =>
      m().diags.map((d) => ({
        code: d.code,
        t: d.t,
        procs: d.procs,
        objs: d.objs,
        message: d.message,
      })),
    diagPills: () => lastPills.map((p) => ({ ...p })),
    steps: () => m().steps.map((s) => ({ step: s.step, chosen: s.chosen, t: s.t })),
    stepOpen: () => app.steps.choice?.step ?? 0,
    view: () => ({
      t0: app.vp.t0,
      t1: app.vp.t1,
      follow: app.vp.follow,
      playhead: app.vp.playhead,
      tEnd: app.tNow(),
      ended: app.run.ended,
      eventCount: m().eventCount,
    }),
    setView: (t0: number, t1: number) => app.navigation.setView(t0, t1),
    setPlayhead: (t: number) => {
      app.navigation.setPlayhead(t);
      app.frame();
    },
    stateText: () => app.elements.state.textContent ?? '',
    feed: (msg: unknown) => app.bridge.receive(msg, (m) => app.onMessage(m)),
    frameTimes: () => app.pacing.frameTimes(),
    lastFrame: () => app.pacing.lastFrame(),
    redraw: () => {
      app.frame();
      return app.pacing.lastFrame().ms;
    },
    timeScale: () => timeScale(),
    layout: () => ({
      gutter: app.rows.gutter,
      width: app.vp.width,
      rows: app.rows.rows.map((r) => ({ ...r })),
      first: app.rows.first,
      scrollTop: app.rows.scrollTop,
      fullHeight: app.rows.fullHeight,
    }),
    buckets: (proc: number, width: number) => {
      const lane = m().lane(proc);
      return lane
        ? Array.from(
            laneBuckets(lane, app.vp.t0, (app.vp.t1 - app.vp.t0) / width, width, app.tNow()),
          )
        : [];
    },
  };
  Object.defineProperty(window, '__timeline', {
    value: Object.freeze(hook),
    configurable: false,
    writable: false,
  });
}
