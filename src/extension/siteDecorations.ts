/**
 * The editor shows the run: after each line of lab code that made calls, what it did in the
 * last run (or the recording opened last); a hover with the per-process table; a CodeLens at the
 * top of the file with the run's summary. An edit of the file hides them (its lines no longer
 * match the run) and says so at the top; the setting turns them off, a command brings them back.
 */
import * as vscode from 'vscode';
import type { LabEvent } from '../protocol/events';
import { siteStats, statsByLine, type LineStats } from '../model/siteStats';
import { Disposable } from './dispose';
import { uiLang } from './settings';
import { afterLineText, fileSummary, hoverMarkdown, processNames } from './siteLines';

const SETTING = 'editorDecorations';
const t = vscode.l10n.t;

/** What a run did in one file. */
interface FileRun {
  lines: Map<number, LineStats>;
  names: Map<number, string>;
  /** The run (or recording) it came from, to open its timeline from the CodeLens. */
  runId?: string;
  /** The file was edited since: its lines no longer match the run. */
  stale: boolean;
}

export class SiteDecorations extends Disposable implements vscode.CodeLensProvider {
  private readonly files = new Map<string, FileRun>();
  private hidden = false;
  private readonly plain = this._register(decorationType('editorCodeLens.foreground'));
  private readonly warning = this._register(decorationType('editorWarning.foreground'));
  private readonly lensChanged = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.lensChanged.event;

  constructor() {
    super();
    this._register(
      vscode.languages.registerCodeLensProvider({ scheme: 'file', pattern: '**/*' }, this),
    );
    this._register(vscode.window.onDidChangeVisibleTextEditors(() => this.refresh()));
    this._register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        const run = this.files.get(e.document.uri.fsPath);
        if (!run || run.stale || e.contentChanges.length === 0) return;
        run.stale = true;
        this.refresh();
      }),
    );
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`concurrencyLabs.${SETTING}`)) this.refresh();
      }),
    );
  }

  /** Shows what the run with log `events` did, replacing what was shown for its files. */
  show(events: readonly LabEvent[], runId?: string): void {
    const byFile = statsByLine(siteStats(events));
    if (byFile.size === 0) return;
    const names = processNames(events, uiLang());
    for (const [file, lines] of byFile) this.files.set(file, { lines, names, runId, stale: false });
    this.hidden = false;
    this.refresh();
  }

  /** The command: shows them again (and turns the setting back on when it was off). */
  async bringBack(): Promise<void> {
    const config = vscode.workspace.getConfiguration('concurrencyLabs');
    if (!config.get<boolean>(SETTING, true))
      await config.update(SETTING, true, vscode.ConfigurationTarget.Global);
    this.hidden = false;
    this.refresh();
  }

  hide(): void {
    this.hidden = true;
    this.refresh();
  }

  /** What a file shows now (for tests): its lines' texts, or undefined when nothing is shown. */
  shownIn(file: string): { line: number; text: string }[] | undefined {
    const run = this.visibleRun(file);
    if (!run) return undefined;
    return [...run.lines].map(([line, l]) => ({ line, text: afterLineText(l, t) }));
  }

  private enabled(): boolean {
    return (
      !this.hidden &&
      vscode.workspace.getConfiguration('concurrencyLabs').get<boolean>(SETTING, true)
    );
  }

  private visibleRun(file: string): FileRun | undefined {
    const run = this.files.get(file);
    return run && !run.stale && this.enabled() ? run : undefined;
  }

  private refresh(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      const run = this.visibleRun(editor.document.uri.fsPath);
      const plain: vscode.DecorationOptions[] = [];
      const warning: vscode.DecorationOptions[] = [];
      for (const [line, l] of run?.lines ?? []) {
        if (line > editor.document.lineCount) continue;
        // The whole line's code: hovering it shows the table; the text goes after its end.
        const text = editor.document.lineAt(line - 1);
        const start = text.range.start.translate(0, text.firstNonWhitespaceCharacterIndex);
        const o: vscode.DecorationOptions = {
          range: new vscode.Range(start, text.range.end),
          hoverMessage: new vscode.MarkdownString(hoverMarkdown(l, run!.names, t)),
          renderOptions: { after: { contentText: afterLineText(l, t) } },
        };
        (l.lostUpdates + l.tornReads > 0 ? warning : plain).push(o);
      }
      editor.setDecorations(this.plain, plain);
      editor.setDecorations(this.warning, warning);
    }
    this.lensChanged.fire();
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const run = this.files.get(doc.uri.fsPath);
    if (!run || !this.enabled()) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    if (run.stale)
      return [
        new vscode.CodeLens(top, {
          title: t('Edited since the last run: run it again to see what each line does'),
          command: '',
        }),
      ];
    const open = run.runId
      ? { command: 'concurrencyLabs.openRun', arguments: [run.runId] }
      : { command: '' };
    return [
      new vscode.CodeLens(top, {
        title: `$(pulse) ${fileSummary(run.lines.values(), t)}`,
        ...open,
      }),
      new vscode.CodeLens(top, { title: t('Hide'), command: 'concurrencyLabs.hideRunInEditor' }),
    ];
  }
}

function decorationType(color: string): vscode.TextEditorDecorationType {
  return vscode.window.createTextEditorDecorationType({
    after: { margin: '0 0 0 2em', color: new vscode.ThemeColor(color), fontStyle: 'italic' },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
}
