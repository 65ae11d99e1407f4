/**
 * Lab errors as VS Code diagnostics: a throw in main or in a child, or a syntax error, is shown in
 * the Problems view and in the editor at its file and line, with its stack as related locations.
 * A new run of the same lab replaces what the last one found.
 */
import * as vscode from 'vscode';
import type { LabEvent } from '../protocol/events';
import { processNameIn } from '../model/chineseText';
import { Disposable } from './dispose';
import type { RunManager } from './runManager';
import { targetKey, type RunMeta } from './runTypes';
import { uiLang } from './settings';

/** Stack frames with an absolute file path: `at f (/a/b.mjs:12:5)`, `at /a/b.mjs:12:5`, `file:///a/b.mjs:12:5`. */
const FRAME = /(?:file:\/\/)?(\/[^\s():]+):(\d+)(?::(\d+))?/g;
const MAX_RELATED = 8;

type ErrorEvent = Extract<LabEvent, { kind: 'error' }>;

export class LabErrors extends Disposable {
  private readonly collection = this._register(
    vscode.languages.createDiagnosticCollection('concurrencyLabs'),
  );
  /** The files each lab's last run put diagnostics on, to clear when it runs again. */
  private readonly filesOfLab = new Map<string, Set<string>>();
  private readonly labOfRun = new Map<string, string>();
  private readonly procNames = new Map<string, Map<number, string>>();

  constructor(runs: RunManager) {
    super();
    this._register(runs.onStarted((meta) => this.started(meta)));
    this._register(
      runs.onEvents(({ id, batch }) => {
        for (const e of batch.events) {
          if (e.kind === 'proc.spawn')
            this.namesOf(id).set(e.proc, processNameIn(e.name, uiLang()));
          else if (e.kind === 'error') this.add(id, e);
        }
      }),
    );
    this._register(
      runs.onEnded((meta) => {
        this.procNames.delete(meta.id);
        this.labOfRun.delete(meta.id);
      }),
    );
  }

  private namesOf(id: string): Map<number, string> {
    let names = this.procNames.get(id);
    if (!names) this.procNames.set(id, (names = new Map()));
    return names;
  }

  private started(meta: RunMeta): void {
    const lab = targetKey(meta.target);
    this.labOfRun.set(meta.id, lab);
    for (const file of this.filesOfLab.get(lab) ?? [])
      this.collection.delete(vscode.Uri.file(file));
    this.filesOfLab.set(lab, new Set());
  }

  private add(id: string, e: ErrorEvent): void {
    const lab = this.labOfRun.get(id);
    if (!e.file || !e.line || !lab) return;
    const uri = vscode.Uri.file(e.file);
    const line = Math.max(0, e.line - 1);
    const who = this.procNames.get(id)?.get(e.proc) ?? String(e.proc);
    const d = new vscode.Diagnostic(
      new vscode.Range(line, 0, line, Number.MAX_SAFE_INTEGER),
      `${who}: ${e.message}`,
      vscode.DiagnosticSeverity.Error,
    );
    d.source = 'Concurrency Labs';
    d.relatedInformation = relatedFrames(e.stack ?? '', e.file, e.line);
    const list = [...(this.collection.get(uri) ?? [])];
    // One process's error per line is enough: ten buyers dying the same way stay one entry.
    if (list.some((x) => x.range.start.line === line && x.message.endsWith(e.message))) return;
    list.push(d);
    this.collection.set(uri, list);
    this.filesOfLab.get(lab)?.add(e.file);
  }
}

/** The stack's other frames in lab files (not in Node's internals), as clickable locations. */
function relatedFrames(
  stack: string,
  file: string,
  line: number,
): vscode.DiagnosticRelatedInformation[] {
  const out: vscode.DiagnosticRelatedInformation[] = [];
  for (const m of stack.matchAll(FRAME)) {
    const [text, path, l, c] = m;
    if (path.includes('/node_modules/') || path.includes('/dist/runtime')) continue;
    if (path === file && Number(l) === line) continue;
    const pos = new vscode.Position(Math.max(0, Number(l) - 1), Math.max(0, Number(c ?? 1) - 1));
    out.push(
      new vscode.DiagnosticRelatedInformation(
        new vscode.Location(vscode.Uri.file(path), pos),
        text,
      ),
    );
    if (out.length >= MAX_RELATED) break;
  }
  return out;
}
