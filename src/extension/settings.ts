import * as vscode from 'vscode';
import type { UiLang } from '../protocol/webview';
import { DEFAULT_CONFIG, SCHEDULE_NAMES, type RunConfig } from '../protocol/host';
import { clampRunConfig, RUN_BOUNDS } from '../protocol/runBounds';
import { uiLangFor } from './lang';
import { EXPLORE_STRATEGIES, type ExploreStrategy } from '../protocol/explore';
import type { ExploreSettings } from './exploreRuns';

export type CloseRunningPanel = 'ask' | 'stop' | 'keepRunning';

/** The run settings the user chose (seed resolved: empty means a fresh random seed). */
export function runSettings(): Omit<RunConfig, 'lab'> {
  const c = vscode.workspace.getConfiguration('concurrencyLabs');
  const seedText = String(c.get<string>('seed', '') ?? '').trim();
  const seed = /^\d+$/.test(seedText) ? Number(seedText) : randomSeed();
  // Numbers are clamped into the bounds every side uses (protocol/runBounds.ts). In an untrusted
  // workspace VS Code reads the bounds-relevant ones from user settings only (package.json's
  // restrictedConfigurations), so a workspace cannot lift them.
  const schedule = c.get<string>('schedule', 'realtime');
  const controlled = schedule !== 'realtime' && SCHEDULE_NAMES.some((name) => name === schedule);
  return clampRunConfig({
    ...DEFAULT_CONFIG,
    ...(controlled ? { schedule: schedule as RunConfig['schedule'] } : {}),
    seed: Number.isSafeInteger(seed) ? seed : randomSeed(),
    speed: c.get<number>('speed', DEFAULT_CONFIG.speed),
    timeoutSec: c.get<number>('timeoutSec', DEFAULT_CONFIG.timeoutSec),
    maxEvents: c.get<number>('maxEvents', 200_000),
    maxMemoryMB: c.get<number>('maxMemoryMB', RUN_BOUNDS.maxMemoryMB.fallback),
    lang: uiLang(),
  });
}

/** How the Explore panel explores (`concurrencyLabs.explore.*`), clamped to what the runner takes. */
export function exploreSettings(): ExploreSettings & { realtimeRuns: number } {
  const c = vscode.workspace.getConfiguration('concurrencyLabs.explore');
  const strategy = c.get<string>('strategy', 'random');
  const whole = (key: string, fallback: number, min: number, max: number) => {
    const n = c.get<number>(key, fallback);
    return Number.isFinite(n) ? Math.min(max, Math.max(min, Math.round(n))) : fallback;
  };
  return {
    strategy: (EXPLORE_STRATEGIES as readonly string[]).includes(strategy)
      ? (strategy as ExploreStrategy)
      : 'random',
    depth: whole('pctDepth', 2, 1, 20),
    runs: whole('runs', 200, 1, 100_000),
    bound: whole('bound', 1, 0, 20),
    realtimeRuns: whole('realtimeRuns', 10, 1, 1000),
  };
}

export function closeRunningPanelSetting(): CloseRunningPanel {
  const v = vscode.workspace
    .getConfiguration('concurrencyLabs')
    .get<string>('closeRunningPanel', 'ask');
  return v === 'stop' || v === 'keepRunning' ? v : 'ask';
}

/** VS Code's display language as the runner and webview name it. */
export function uiLang(): UiLang {
  return uiLangFor(vscode.env.language);
}

function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}
