/** What the extension knows about a run; no vscode imports. */
import type { RunStatus } from '../protocol/events';
import type { RunConfig } from '../protocol/host';

/** A lab to run: a built-in id, or a workspace file (absolute path). */
export type LabTarget =
  | { kind: 'builtin'; id: string; title: string }
  | { kind: 'workspace'; path: string; title: string };

export type RunState = 'starting' | 'running' | RunStatus;

/** Persisted per run (workspace state), so the Runs view survives a reload. */
export interface RunMeta {
  id: string;
  target: LabTarget;
  config: RunConfig;
  startedAt: number;
  state: RunState;
  /** One line: "1 sold", or why the run failed. */
  outcome?: string;
  eventCount: number;
  /** The full JSONL log on disk (the window in memory is bounded). */
  eventsFile: string;
}

export function isActive(state: RunState): boolean {
  return state === 'starting' || state === 'running';
}

export function targetKey(t: LabTarget): string {
  return t.kind === 'builtin' ? t.id : t.path;
}

export function newRunId(now = Date.now()): string {
  return `${now.toString(36)}-${Math.floor(Math.random() * 36 ** 4)
    .toString(36)
    .padStart(4, '0')}`;
}
