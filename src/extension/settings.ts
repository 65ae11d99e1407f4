import * as vscode from 'vscode';
import type { UiLang } from '../protocol/webview';
import { DEFAULT_CONFIG, SCHEDULE_NAMES, type RunConfig } from '../protocol/host';
import { clampRunConfig, RUN_BOUNDS } from '../protocol/runBounds';
import { uiLangFor } from './lang';

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
