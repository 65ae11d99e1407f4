import * as vscode from 'vscode';
import type { UiLang } from '../protocol/webview';
import { DEFAULT_CONFIG, type RunConfig } from '../protocol/host';
import { uiLangFor } from './lang';

export type CloseRunningPanel = 'ask' | 'stop' | 'keepRunning';

/** The run settings the user chose (seed resolved: empty means a fresh random seed). */
export function runSettings(): Omit<RunConfig, 'lab'> {
  const c = vscode.workspace.getConfiguration('concurrencyLabs');
  const seedText = String(c.get<string>('seed', '') ?? '').trim();
  const seed = /^\d+$/.test(seedText) ? Number(seedText) : randomSeed();
  const speed = c.get<number>('speed', DEFAULT_CONFIG.speed);
  const timeoutSec = c.get<number>('timeoutSec', DEFAULT_CONFIG.timeoutSec);
  const maxEvents = c.get<number>('maxEvents', 200_000);
  return {
    ...DEFAULT_CONFIG,
    seed: Number.isSafeInteger(seed) ? seed : randomSeed(),
    speed: speed > 0 ? speed : DEFAULT_CONFIG.speed,
    timeoutSec: timeoutSec > 0 ? timeoutSec : DEFAULT_CONFIG.timeoutSec,
    maxEvents:
      Number.isSafeInteger(maxEvents) && maxEvents > 0 ? maxEvents : DEFAULT_CONFIG.maxEvents,
    lang: uiLang(),
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
