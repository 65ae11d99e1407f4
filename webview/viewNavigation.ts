/**
 * Moving through a run: zoom, pan, follow, the playhead and replay. A move the learner makes
 * stops following, so they can look around; every move redraws and is remembered (`changed`).
 */
import { countLE, countLT } from '../src/model/timelineColumns';
import type { Viewport } from './viewport';
import type { RunState } from './runState';
import type { ReplayClock } from './replayClock';
import type { Ui } from './ui';
import { showPlayState } from './playButton';

export class ViewNavigation {
  constructor(
    private readonly vp: Viewport,
    private readonly run: RunState,
    private readonly replay: ReplayClock,
    private readonly ui: () => Ui,
    /** Redraws and saves the view (the controller's). */
    private readonly changed: () => void,
    private readonly schedule: () => void,
  ) {}

  togglePlay(): void {
    if (!this.run.ended) return;
    if (this.replay.playing) this.replay.stop(this.vp);
    else this.replay.start(this.vp, this.run.tNow());
    this.showPlayState();
    this.schedule();
  }
  setReplaySpeed(speed: number): void {
    this.replay.setSpeed(speed);
  }
  /** The Replay button and the Follow toggle as the clock and the viewport now are. */
  showPlayState(): void {
    showPlayState(this.ui(), this.replay.playing, this.vp.follow);
  }

  setFollow(on: boolean): void {
    this.vp.follow = on;
    if (on) {
      this.replay.stop(this.vp);
      if (this.run.ended) this.fitAll();
    }
    this.showPlayState();
    this.changed();
  }
  /** Any user move of the view stops following, so the learner can look around. */
  private userMoved(): void {
    if (this.vp.follow) {
      this.vp.follow = false;
      this.showPlayState();
    }
    this.changed();
  }
  zoomBy(f: number, x?: number): void {
    this.vp.zoom(f, x);
    this.userMoved();
  }
  panBy(dx: number): void {
    this.vp.pan(dx);
    this.vp.clamp(this.run.tNow());
    this.userMoved();
  }
  panTo(t0: number): void {
    this.vp.t0 = t0;
    this.vp.clamp(this.run.tNow());
    this.userMoved();
  }
  fitAll(): void {
    this.vp.fit(this.run.tNow());
    this.vp.fitWhileFollowing = true;
    if (this.run.ended && !this.replay.playing) this.vp.playhead = this.run.tNow();
    this.changed();
  }
  setView(t0: number, t1: number): void {
    this.vp.setRange(t0, t1);
    this.vp.follow = false;
    this.vp.fitWhileFollowing = false;
    this.showPlayState();
    this.changed();
  }
  setPlayhead(t: number): void {
    this.vp.playhead = Math.max(0, Math.min(t, this.run.tNow()));
    if (this.vp.revealT !== Infinity && !this.replay.playing) this.vp.revealT = this.vp.playhead;
    if (!this.run.ended) this.userMoved();
    else this.changed();
  }
  /** The playhead to the next (1) or the previous (-1) event. */
  stepPlayhead(dir: 1 | -1): void {
    const { values, count } = this.run.model.t;
    const i =
      dir > 0
        ? countLE(values, count, this.vp.playhead)
        : countLT(values, count, this.vp.playhead) - 1;
    if (i >= 0 && i < count) this.setPlayhead(values[i]);
  }
}
