/** --html: a self-contained HTML timeline of the run (the webview app inlined with the log). */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderStandaloneHtml } from '../model/standaloneHtml';
import type { LabEvent, Localized } from '../protocol/events';
import type { Lang } from './args';
import { fileProblem, l10n, listOf, said } from './cliText';

/** The timeline app's files, built beside dist/cli.js. */
function appFiles(): { script: string; css: string } {
  return { script: join(__dirname, 'webview.js'), css: join(__dirname, 'webview.css') };
}

/** Why --html cannot be used in this build, or undefined when it can. */
export function htmlUnavailable(): Localized | undefined {
  const f = appFiles();
  const missing = [f.script, f.css].filter((p) => !existsSync(p));
  return missing.length
    ? said(
        '--html needs the timeline app, but {0} is missing (run npm run build)',
        listOf(missing, false),
      )
    : undefined;
}

/** Writes the file; returns an error message on failure. */
export function writeHtml(
  file: string,
  events: readonly LabEvent[],
  lang: Lang,
): Localized | undefined {
  const why = htmlUnavailable();
  if (why) return why;
  const f = appFiles();
  const start = events.find((e) => e.kind === 'run.start');
  const title =
    start && start.kind === 'run.start'
      ? l10n(lang, '{0} — seed {1}', start.title[lang], start.seed)
      : 'Concurrency Labs';
  try {
    writeFileSync(
      file,
      renderStandaloneHtml({
        script: readFileSync(f.script, 'utf8'),
        css: readFileSync(f.css, 'utf8'),
        events,
        lang,
        title,
      }),
    );
    return undefined;
  } catch (err) {
    return said('cannot write {0}: {1}', file, fileProblem(err));
  }
}
