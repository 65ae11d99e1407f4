/** Step mode's commands: step through a lab (the person chooses each step), and fork a run. */
import * as vscode from 'vscode';
import type { ReplayStep } from '../protocol/host';
import { pickLab, sanitize, startRun, targetOf, type RunOverrides } from './runCommands';
import { interpreterFor } from './pythonFiles';
import type { RunManager } from './runManager';
import type { TimelinePanels } from './timelinePanels';

export function registerStepCommands(
  runs: RunManager,
  panels: TimelinePanels,
): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(
      'concurrencyLabs.stepLab',
      async (arg?: unknown, overrides?: RunOverrides, replay?: unknown) => {
        // From the palette (nothing given) a picker; from the Labs tree, a CodeLens or a test, that lab.
        const target =
          arg === undefined
            ? await pickLab(vscode.l10n.t('Step Through Lab'))
            : await targetOf(arg);
        if (!target) return undefined;
        // A recording's fork from here: its decisions up to the playhead are replayed first (the
        // runner checks each one, and stops at the first that does not match).
        const steps = Array.isArray(replay) ? (replay as ReplayStep[]) : undefined;
        const python = await interpreterFor(target);
        const config = {
          ...sanitize(overrides),
          schedule: 'step' as const,
          ...(python ? { python } : {}),
        };
        return startRun(
          runs,
          panels,
          target,
          steps ? { ...config, replay: { steps, until: steps.length } } : config,
        );
      },
    ),
    vscode.commands.registerCommand(
      'concurrencyLabs.forkRun',
      async (runId?: unknown, step?: unknown) => {
        if (typeof runId !== 'string' || !Number.isSafeInteger(step) || (step as number) < 0)
          return undefined;
        const fork = await runs.forkOf(runId, step as number);
        return fork && startRun(runs, panels, fork.target, fork.config);
      },
    ),
  ];
}
