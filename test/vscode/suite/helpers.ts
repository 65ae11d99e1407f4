/** Shared helpers for the integration suite (not a test file: no `.test.ts`). */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConcurrencyLabsApi } from '../../../src/extension/extension';

export const EXTENSION_ID = 'concurrency-labs.concurrency-labs';

export async function api(): Promise<ConcurrencyLabsApi> {
  const ext = vscode.extensions.getExtension<ConcurrencyLabsApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  return ext.isActive ? ext.exports : await ext.activate();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Polls until `fn` returns a truthy value or the time is up. */
export async function waitFor<T>(
  fn: () => T | Promise<T>,
  what: string,
  timeoutMs = 30_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** True while a process with this pid (or, for a negative number, this group) exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function scratchUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  assert.ok(folder, 'the test workspace folder is open');
  return vscode.Uri.joinPath(folder, name);
}
