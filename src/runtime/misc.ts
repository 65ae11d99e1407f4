/** sleep, print, the seeded random stream, currentProcess and the run's language. */
import { format } from 'node:util';
import type { Localized } from '../protocol/events';
import { ctx, notify, request } from './context';
import { ValueError } from './errors';

/** Sleeps `sec` lab seconds; the runner's timer scales it by the run's speed. */
export async function sleep(sec: number): Promise<void> {
  if (typeof sec !== 'number' || !Number.isFinite(sec))
    throw new TypeError('sleep() needs a number of seconds');
  if (sec < 0) throw new ValueError('sleep length must be non-negative');
  await request({ id: 0, op: 'sleep', sec });
}

/** Prints to the run's log (the timeline and the terminal show it), like Python's print. */
export function print(...args: unknown[]): void {
  notify({ id: 0, op: 'log', text: format(...args) });
}

let stream: (() => number) | null = null;

/** mulberry32: small, fast, and the same on every machine. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A float in [0, 1) from this process's stream, derived from the run seed and the process index. */
export function random(): number {
  if (!stream) {
    const { seed, proc } = ctx().init;
    stream = mulberry32(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(proc + 1, 0xc2b2ae35));
    for (let i = 0; i < 4; i++) stream();
  }
  return stream();
}

/** An integer N with a ≤ N ≤ b, like Python's random.randint. */
export function randint(a: number, b: number): number {
  const lo = Math.ceil(Math.min(a, b));
  const hi = Math.floor(Math.max(a, b));
  return lo + Math.floor(random() * (hi - lo + 1));
}

export interface CurrentProcess {
  name: string;
  pid: number;
  daemon: boolean;
  /** 0 for MainProcess, then 1, 2, … in spawn order (the timeline's lane). */
  proc: number;
}

export function currentProcess(): CurrentProcess {
  const { name, daemon, proc } = ctx().init;
  return { name, pid: process.pid, daemon, proc };
}

/** The run's UI language. */
export function lang(): 'en' | 'zh-CN' {
  return ctx().init.lang;
}

/** Picks the run's language from a localized text. */
export function l(text: Localized): string {
  return text[lang()] ?? text.en;
}
