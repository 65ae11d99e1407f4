import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { ViewMode } from '../protocol/webview';

/** Webview options: scripts on, resources only from the bundle and media folders. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [
      vscode.Uri.joinPath(extensionUri, 'dist'),
      vscode.Uri.joinPath(extensionUri, 'media'),
    ],
  };
}

/**
 * The app's script: the shipped one, or the test build with its `window.__timeline` hook when the
 * VS Code test run asks for it (CONCURRENCY_LABS_TEST_HOOK=1) and a development build holds it.
 * A packaged extension has no test build, so the variable cannot add the hook there.
 */
function appScript(extensionUri: vscode.Uri): string {
  const test = vscode.Uri.joinPath(extensionUri, 'dist', 'webview-test.js');
  return process.env.CONCURRENCY_LABS_TEST_HOOK === '1' && existsSync(test.fsPath)
    ? 'webview-test.js'
    : 'webview.js';
}

/** The timeline app's page. */
export function timelineHtml(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  mode: ViewMode,
  lang: string,
  title: string,
): string {
  return appHtml(webview, extensionUri, {
    script: appScript(extensionUri),
    style: 'webview.css',
    mode,
    lang,
    title,
  });
}

/** A webview app's bundles (in dist/) and what its body says it is. */
export interface AppPage {
  script: string;
  style: string;
  mode: string;
  lang: string;
  title: string;
}

/** An app's page: strict CSP, the script allowed only by a fresh crypto nonce. */
export function appHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: AppPage): string {
  const nonce = randomBytes(18).toString('base64');
  const asset = (...p: string[]) =>
    webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...p)).toString();
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${escapeAttr(page.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('dist', 'codicons', 'codicon.css')}">
<link rel="stylesheet" href="${asset('dist', page.style)}">
<title>${escapeText(page.title)}</title>
</head>
<body data-mode="${escapeAttr(page.mode)}" data-lang="${escapeAttr(page.lang)}">
<div id="app"></div>
<script nonce="${nonce}" src="${asset('dist', page.script)}"></script>
</body>
</html>`;
}

function escapeText(s: string): string {
  return s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
}

function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;');
}
