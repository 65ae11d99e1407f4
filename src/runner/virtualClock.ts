/**
 * A controlled run's clock: discrete events, not the wall. Each scheduling step takes a tick of
 * lab time (so a timeline keeps the steps apart); timers (sleeps, timeouts) fire only when the
 * scheduler finds nothing runnable, and then time jumps to the earliest one. Stamps are lab time
 * divided by the run's speed, as a realtime run's would be, so views read both alike.
 */
import type { TimerHandle } from './scheduler';

/** Lab time one scheduling step takes (µs). */
const STEP_LAB_US = 1000;

interface VirtualTimer {
  readonly at: number;
  /** Creation order: timers due at one instant fire in it. */
  readonly order: number;
  live: boolean;
  readonly fn: () => void;
}

export class VirtualClock {
  /** Lab microseconds since the run started. */
  #labUs = 0;
  #order = 0;
  #timers: VirtualTimer[] = [];
  #live = 0;

  /**
   * `grainUs`: timers due within this much lab time of the earliest fire with it (an
   * exploration's runs: sleeps that end a few steps apart end together, so the schedule, not the
   * steps' ticks, decides who goes first). 0: only timers due at the same instant.
   */
  constructor(
    private readonly speed: number,
    private readonly grainUs = 0,
  ) {}

  /** The stamp for events now: µs as the recorder counts them. */
  now(): number {
    return Math.floor(this.#labUs / this.speed);
  }

  /** One scheduling step passes. */
  tick(): void {
    this.#labUs += STEP_LAB_US;
  }

  get pendingTimers(): number {
    return this.#live;
  }

  after(labSec: number, fn: () => void): TimerHandle {
    const t: VirtualTimer = {
      at: this.#labUs + Math.max(0, labSec) * 1e6,
      order: this.#order++,
      live: true,
      fn,
    };
    this.#timers.push(t);
    this.#live++;
    return {
      cancel: () => {
        if (!t.live) return;
        t.live = false;
        this.#live--;
      },
    };
  }

  /**
   * Nothing can run: time jumps to the earliest live timer and every timer due then fires, in
   * the order they were set. False when there is none (the run is stuck).
   */
  advance(): boolean {
    this.#timers = this.#timers.filter((t) => t.live);
    if (this.#timers.length === 0) return false;
    this.#timers.sort((a, b) => a.at - b.at || a.order - b.order);
    const at = this.#timers[0].at;
    this.#labUs = Math.max(this.#labUs, at);
    const due = this.#timers.filter((t) => t.at <= at + this.grainUs);
    for (const t of due) {
      if (!t.live) continue;
      t.live = false;
      this.#live--;
      t.fn();
    }
    return true;
  }
}
