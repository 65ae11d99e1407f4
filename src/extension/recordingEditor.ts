/**
 * Read-only custom editor for `.labrun` recordings (JSONL, protocol v1). A malformed file shows
 * a clear error in place of the timeline; one that stops without the end of the run (its runner
 * was killed) opens as a run that ended abruptly. Nothing throws.
 */
import { revealSite } from './revealSite';
import * as vscode from 'vscode';
import type { LabEvent } from '../protocol/events';
import { readLogText } from '../model/abruptEnd';
import { recordedLang, stepsOf } from '../model/scheduleSteps';
import type { WebviewAction } from '../protocol/webview';
import { Disposable } from './dispose';
import { builtinLabs } from './labCatalog';
import { labFileCandidates, recordedLab } from './recordedLab';
import { uiLang } from './settings';
import { exportChromeTrace } from './traceExport';
import { WebviewChannel } from './webviewChannel';
import { timelineHtml, webviewOptions } from './webviewHtml';

export const RECORDING_VIEW_TYPE = 'concurrencyLabs.recording';
const MAX_BYTES = 200 * 1024 * 1024;

class Recording implements vscode.CustomDocument {
  constructor(
    readonly uri: vscode.Uri,
    readonly events: LabEvent[],
    readonly problem?: { message: string; detail?: string },
  ) {}
  dispose(): void {}
}

export class RecordingEditor
  extends Disposable
  implements vscode.CustomReadonlyEditorProvider<Recording>
{
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    /** A recording was opened: the editor shows what its run did at each line of lab code. */
    private readonly onOpened: (events: readonly LabEvent[]) => void = () => undefined,
  ) {
    super();
    this._register(
      vscode.window.registerCustomEditorProvider(RECORDING_VIEW_TYPE, this, {
        supportsMultipleEditorsPerDocument: true,
      }),
    );
  }

  async openCustomDocument(uri: vscode.Uri): Promise<Recording> {
    return readRecording(uri);
  }

  resolveCustomEditor(doc: Recording, panel: vscode.WebviewPanel): void {
    panel.webview.options = webviewOptions(this.extensionUri);
    if (!doc.problem) this.onOpened(doc.events);
    const post = () => {
      if (doc.problem) channel.post({ type: 'error', ...doc.problem });
      else
        channel.post({
          type: 'load',
          runId: `file:${doc.uri.toString()}`,
          lang: uiLang(),
          mode: 'panel',
          events: doc.events,
          live: false,
        });
    };
    const channel = new WebviewChannel(panel.webview, {
      onReady: post,
      runShown: () => `file:${doc.uri.toString()}`,
      onAction: (action) => void this.onAction(action, doc),
      onRevealSite: (site) => void revealSite(doc.events, site),
      onStep: (msg) => {
        if (msg.type === 'fork') void this.fork(doc, msg.step);
      },
      onInvalid: (dir, error) =>
        this.log.warn(`recording webview message (${dir}) rejected: ${error}`),
    });
    panel.webview.html = timelineHtml(
      panel.webview,
      this.extensionUri,
      'panel',
      uiLang(),
      doc.uri.path,
    );
    post();
    panel.onDidDispose(() => channel.dispose());
  }

  /** A recording is not a live run: it can be exported or run again (built-in labs), not stopped. */
  private async onAction(action: WebviewAction, doc: Recording): Promise<void> {
    const start = doc.events[0]?.kind === 'run.start' ? doc.events[0] : undefined;
    const stem = (doc.uri.path.split('/').pop() ?? 'run').replace(/\.labrun$/, '');
    if (action === 'exportTrace' && doc.events.length)
      await exportChromeTrace(doc.events, `${stem}.trace.json`);
    else if (action === 'rerun' && start) {
      const target = await rerunTarget(start.lab, doc.uri, this.log);
      if (target)
        await vscode.commands.executeCommand('concurrencyLabs.runLab', target, {
          seed: start.seed,
          speed: start.speed,
        });
    } else if (action === 'runLab') await vscode.commands.executeCommand('concurrencyLabs.runLab');
    else if (action === 'openLabSource')
      await vscode.commands.executeCommand('concurrencyLabs.openLabSource', start?.lab);
  }

  /** Fork from here in a recorded controlled run: its lab, replaying its first `upTo` decisions. */
  private async fork(doc: Recording, upTo: number): Promise<void> {
    const start = doc.events[0]?.kind === 'run.start' ? doc.events[0] : undefined;
    if (!start?.schedule) return;
    const target = await rerunTarget(start.lab, doc.uri, this.log);
    const steps = stepsOf(doc.events).slice(0, upTo);
    // In the recording's language: its decisions name processes and objects as that run did.
    const lang = recordedLang(doc.events);
    if (target)
      await vscode.commands.executeCommand(
        'concurrencyLabs.stepLab',
        target,
        { seed: start.seed, speed: start.speed, lang },
        steps,
      );
  }
}

/**
 * What to run again for a recording: a built-in lab by id, or a lab file named in the recording,
 * found beside it or at a workspace root, only in a trusted workspace and once the user agrees.
 */
async function rerunTarget(
  lab: string,
  recording: vscode.Uri,
  log: vscode.LogOutputChannel,
): Promise<string | vscode.Uri | undefined> {
  const ids = (await builtinLabs()).flatMap((l) =>
    l.target.kind === 'builtin' ? [l.target.id] : [],
  );
  const named = recordedLab(lab, ids);
  if (named.kind === 'builtin') return named.id;
  if (named.kind === 'refused' || recording.scheme !== 'file') {
    log.warn(`rerun refused: ${named.kind === 'refused' ? named.why : 'not a local recording'}`);
    void vscode.window.showErrorMessage(
      vscode.l10n.t(
        'This recording cannot be run again: it does not name a lab that can be found.',
      ),
    );
    return undefined;
  }
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        'Running a lab file from this workspace needs a trusted workspace, because the lab is code. Built-in labs can run now.',
      ),
    );
    return undefined;
  }
  const dir = vscode.Uri.joinPath(recording, '..').fsPath;
  const roots = (vscode.workspace.workspaceFolders ?? [])
    .filter((f) => f.uri.scheme === 'file')
    .map((f) => f.uri.fsPath);
  const path = labFileCandidates(named.name, dir, roots)[0];
  if (!path) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t(
        'The lab file {0} named by this recording is neither beside the recording nor at the root of a workspace folder.',
        named.name,
      ),
    );
    return undefined;
  }
  const run = vscode.l10n.t('Run');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t(
      'This recording names the lab file {0}. Run it? Its code runs on this machine.',
      path,
    ),
    { modal: true },
    run,
  );
  return answer === run ? vscode.Uri.file(path) : undefined;
}

async function readRecording(uri: vscode.Uri): Promise<Recording> {
  const name = uri.path.split('/').pop() ?? uri.path;
  let bytes: Uint8Array;
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > MAX_BYTES) {
      return new Recording(uri, [], {
        message: vscode.l10n.t(
          '{0} is too large to open ({1} MB).',
          name,
          Math.round(stat.size / 2 ** 20),
        ),
      });
    }
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (err) {
    return new Recording(uri, [], {
      message: vscode.l10n.t('Could not read {0}.', name),
      detail: String((err as Error).message ?? err),
    });
  }
  const parsed = readLogText(new TextDecoder('utf-8').decode(bytes), (n) =>
    vscode.l10n.t(
      'ended abruptly: the recording stops after {0} events without the end of the run (its runner was killed or crashed)',
      n,
    ),
  );
  if (parsed.errors.length) {
    const first = parsed.errors[0];
    return new Recording(uri, [], {
      message: vscode.l10n.t(
        '{0} is not a valid recording: line {1}: {2}',
        name,
        first.line,
        first.error,
      ),
      detail: parsed.errors
        .slice(0, 5)
        .map((e) => vscode.l10n.t('line {0}: {1}', e.line, e.error))
        .join('\n'),
    });
  }
  if (parsed.events.length === 0)
    return new Recording(uri, [], {
      message: vscode.l10n.t('{0} is empty: it holds no events.', name),
    });
  return new Recording(uri, parsed.events);
}
