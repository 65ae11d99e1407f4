/** Turns whatever lab code threw into an `error` notice, with the lab file and line when known. */
import { spawnSync } from 'node:child_process';
import { basename } from 'node:path';
import type { LabOps } from '../protocol/lab';

const MAX_STACK = 4000;

function fileOf(spec: string): string {
  return spec.startsWith('file://') ? decodeURIComponent(new URL(spec).pathname) : spec;
}

/**
 * Finds `file:line` of the first stack frame (or the syntax-error header Node prints) that lies in
 * `labFile`, or, for built-in labs, in a file under src/labs.
 */
export function locate(
  stack: string,
  labFile?: string,
): { file: string; line: number } | undefined {
  const re = /((?:file:\/\/)?\/[^\s():]+):(\d+)(?::\d+)?/g;
  for (let m = re.exec(stack); m; m = re.exec(stack)) {
    const file = fileOf(m[1]);
    if (labFile ? file === labFile : /[\\/]labs[\\/]/.test(file))
      return { file, line: Number(m[2]) };
  }
  return undefined;
}

/** The report for a lab file that failed to load; a syntax error names its file and line. */
export function loadErrorReport(err: unknown, labFile: string | undefined): LabOps['error'] {
  const report = errorReport(err, labFile);
  if (labFile && err instanceof SyntaxError && report.line === undefined) {
    const at = syntaxErrorLocation(labFile);
    if (at) {
      report.file = at.file;
      report.line = at.line;
    }
  }
  if (report.line !== undefined && report.file)
    report.message += ` (${basename(report.file)}:${report.line})`;
  return report;
}

export function errorReport(err: unknown, labFile?: string): LabOps['error'] {
  if (!(err instanceof Error))
    return { message: `${typeof err === 'string' ? err : safeJson(err)} was thrown` };
  const name = err.name && err.name !== 'Error' ? `${err.name}: ` : '';
  const report: LabOps['error'] = { message: `${name}${err.message}`.slice(0, 2000) };
  if (typeof err.stack === 'string') {
    report.stack = err.stack.slice(0, MAX_STACK);
    const at = locate(err.stack, labFile);
    if (at) {
      report.file = at.file;
      report.line = at.line;
    }
  }
  return report;
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v)?.slice(0, 200) ?? String(v);
  } catch {
    return String(v);
  }
}

/**
 * Node keeps an ES module's syntax-error position out of `err.stack`; `node --check` prints it
 * ("/path/file.lab.mjs:4"). Only used on the failure path, when loading a lab file failed.
 */
export function syntaxErrorLocation(labFile: string): { file: string; line: number } | undefined {
  const r = spawnSync(process.execPath, ['--check', labFile], { encoding: 'utf8', timeout: 5000 });
  const first = (r.stderr ?? '').split('\n')[0] ?? '';
  const m = /^(.*):(\d+)$/.exec(first.trim());
  return m ? { file: labFile, line: Number(m[2]) } : undefined;
}
