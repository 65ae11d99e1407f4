/**
 * Compare Runs…: the learner picks two runs (from the Runs view, or recorded `.labrun`/`.jsonl`
 * files; "Compare with…" on a run picks only the second) and a panel stacks both on one time
 * axis with their first difference marked (webview/compare).
 */
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { readLogText } from '../model/abruptEnd';
import {
  checkToComparePanel,
  isFromComparePanel,
  type ComparedRun,
  type ToComparePanel,
} from '../protocol/comparePanel';
import type { RunManager } from './runManager';
import { isActive, type RunMeta } from './runTypes';
import { uiLang } from './settings';
import { appHtml, webviewOptions } from './webviewHtml';

export const COMPARE_VIEW_TYPE = 'concurrencyLabs.compare';

type Pick = { run?: RunMeta; file?: true };

/** A run of the Runs view or a recorded file, as the learner picks it; undefined if cancelled. */
async function pickRun(
  runs: RunManager,
  title: string,
  not?: string,
): Promise<ComparedRun | undefined> {
  const items: (vscode.QuickPickItem & Pick)[] = runs
    .list()
    .filter((m) => !isActive(m.state) && m.id !== not)
    .map((m) => ({
      label: m.target.title,
      description: `${m.outcome ?? m.state} · ${vscode.l10n.t('seed {0}', m.config.seed)}`,
      detail: new Date(m.startedAt).toLocaleString(),
      run: m,
    }));
  items.push({ label: `$(folder-opened) ${vscode.l10n.t('Open a recorded run…')}`, file: true });
  const chosen = await vscode.window.showQuickPick(items, { title, matchOnDescription: true });
  if (!chosen) return undefined;
  if (chosen.run) return { label: runLabel(chosen.run), events: await runs.events(chosen.run.id) };
  const [uri] =
    (await vscode.window.showOpenDialog({
      title,
      canSelectMany: false,
      filters: { [vscode.l10n.t('Recorded runs')]: ['labrun', 'jsonl'] },
    })) ?? [];
  return uri ? readRecorded(uri) : undefined;
}

/** A recorded run; a file that is not a valid log is an error naming its first bad line. */
async function readRecorded(uri: vscode.Uri): Promise<ComparedRun> {
  const read = readLogText(await readFile(uri.fsPath, 'utf8'));
  if (read.errors.length) {
    const first = read.errors[0];
    throw new Error(vscode.l10n.t('{0}: line {1}: {2}', uri.fsPath, first.line, first.error));
  }
  return { label: uri.path.split('/').pop() ?? uri.fsPath, events: read.events };
}

function runLabel(m: RunMeta): string {
  const when = new Date(m.startedAt).toLocaleTimeString();
  return `${m.target.title} · ${vscode.l10n.t('seed {0}', m.config.seed)} · ${when}`;
}

/** Opens a panel comparing `a` and `b`; a log the panel would refuse is said here instead. */
function openComparePanel(
  extensionUri: vscode.Uri,
  a: ComparedRun,
  b: ComparedRun,
): string | undefined {
  const msg: ToComparePanel = { type: 'compare', lang: uiLang(), runs: [a, b] };
  const checked = checkToComparePanel(msg);
  if (!checked.ok) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('These runs cannot be compared: {0}', checked.error),
    );
    return undefined;
  }
  const title = vscode.l10n.t('Compare: {0} / {1}', a.label, b.label);
  const panel = vscode.window.createWebviewPanel(
    COMPARE_VIEW_TYPE,
    title,
    vscode.ViewColumn.Active,
    { ...webviewOptions(extensionUri), retainContextWhenHidden: true },
  );
  panel.webview.onDidReceiveMessage((m: unknown) => {
    if (isFromComparePanel(m)) void panel.webview.postMessage(msg);
  });
  panel.webview.html = appHtml(panel.webview, extensionUri, {
    script: 'compare.js',
    style: 'compare.css',
    mode: 'compare',
    lang: msg.lang,
    title,
  });
  return title;
}

/** A run to compare, as a command may name it: its RunMeta (Runs view), its id, or a recording. */
type RunRef = RunMeta | string | vscode.Uri;

async function resolveRun(runs: RunManager, ref: RunRef): Promise<ComparedRun> {
  if (ref instanceof vscode.Uri) return readRecorded(ref);
  const meta = typeof ref === 'string' ? runs.get(ref) : ref;
  if (!meta) throw new Error(vscode.l10n.t('There is no run {0}.', String(ref)));
  return { label: runLabel(meta), events: await runs.events(meta.id) };
}

/**
 * Compare Runs… (both picked) and Compare with… (on a run of the Runs view: the second picked).
 * Either run may also be given (a run id, a RunMeta or a recording's Uri), as tests do; the
 * command returns the panel's title, or undefined when nothing was opened.
 */
export function registerCompareCommands(
  extensionUri: vscode.Uri,
  runs: RunManager,
): vscode.Disposable[] {
  const compare = async (first?: RunRef, second?: RunRef): Promise<string | undefined> => {
    try {
      const a = first
        ? await resolveRun(runs, first)
        : await pickRun(runs, vscode.l10n.t('Compare runs: pick run A'));
      if (!a) return undefined;
      const notId =
        typeof first === 'string' ? first : first instanceof vscode.Uri ? undefined : first?.id;
      const b = second
        ? await resolveRun(runs, second)
        : await pickRun(runs, vscode.l10n.t('Compare with run A: pick run B'), notId);
      return b ? openComparePanel(extensionUri, a, b) : undefined;
    } catch (err) {
      void vscode.window.showErrorMessage(
        vscode.l10n.t('Could not compare the runs: {0}', (err as Error).message ?? String(err)),
      );
      return undefined;
    }
  };
  return [
    vscode.commands.registerCommand('concurrencyLabs.compareRuns', compare),
    vscode.commands.registerCommand('concurrencyLabs.compareWith', (meta?: RunRef) =>
      compare(meta),
    ),
  ];
}
