/** `node dist/cli.js run <lab> …`, `list`, `help`: run labs in a terminal with a live text timeline. */
import { existsSync, readFileSync } from 'node:fs';
import type { LabEvent } from '../protocol/events';
import { dirname, join } from 'node:path';
import { ALL_LAB_INFOS, builtinLabFile, builtinLabInfo } from '../labs/info/builtinLabs';
import { argsLang, parseArgs, type RunOptions } from './args';
import { errorLine, l10n } from './cliText';
import { usage } from './usage';
import { LEGEND, LiveTimeline, LogNames } from './lanes';
import { exitCodeFor, reportLines, STATUS_ZH } from './report';
import { applyReplay } from './replayFile';
import { explore } from './explore';
import { runScheduled } from './stepRun';
import { htmlUnavailable, writeHtml } from './html';
import { colorWanted, makeStyle, wrap } from './style';
import { plainText, terminalSafeEvent } from './terminalText';

async function main(argv: string[]): Promise<number> {
  // A reader that goes away (`list | head`) ends the output, not the CLI with Node's stack trace
  // (a run also stops: see run()).
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
  const parsed = parseArgs(argv);
  const lang = argsLang(argv);
  if (!parsed.ok) {
    process.stderr.write(`${errorLine(lang, parsed.error[lang])}\n\n${usage(lang)}\n`);
    return 2;
  }
  const { command } = parsed;
  if (command.cmd === 'help') {
    process.stdout.write(`${usage(lang)}\n`);
    return 0;
  }
  if (command.cmd === 'show') {
    // A built-in lab is a lab file like a learner's: its code is bundled readable beside this CLI.
    const file = join(__dirname, builtinLabFile(command.lab));
    process.stdout.write(command.pathOnly ? `${file}\n` : readFileSync(file, 'utf8'));
    return 0;
  }
  if (command.cmd === 'list') {
    const width = Math.max(...ALL_LAB_INFOS.map((meta) => meta.id.length)) + 1;
    for (const meta of ALL_LAB_INFOS) {
      process.stdout.write(
        `${meta.id.padEnd(width)} ${meta.title[command.lang]}\n${' '.repeat(width + 1)}${meta.description[command.lang]}\n`,
      );
    }
    return 0;
  }
  if (command.cmd === 'explore') return explore(command.opts);
  return run(command.opts);
}

async function run(given: RunOptions): Promise<number> {
  const replay = applyReplay(given);
  if ('error' in replay) {
    process.stderr.write(`${errorLine(given.lang, replay.error[given.lang])}\n`);
    return 1;
  }
  const opts = replay.opts;
  if (replay.notice) process.stderr.write(`${replay.notice[opts.lang]}\n`);
  const cannot =
    (opts.eventsFile && unwritable(opts.eventsFile, opts.lang)) ||
    (opts.htmlFile && (htmlUnavailable()?.[opts.lang] ?? unwritable(opts.htmlFile, opts.lang)));
  if (cannot) {
    process.stderr.write(`${errorLine(opts.lang, cannot)}\n`);
    return 1;
  }
  const style = makeStyle(colorWanted(process.stdout, process.env));
  const width = process.stdout.isTTY
    ? Math.max(60, Math.min(process.stdout.columns || 100, 120))
    : 100;
  // A reader that goes away (`… | head`) ends the run quietly instead of crashing on EPIPE.
  let closed = false;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE' || closed) return;
    closed = true;
    process.emit('SIGINT');
  });
  const say = (line: string) => {
    if (!closed) process.stdout.write(line + '\n');
  };
  const zh = opts.lang === 'zh-CN';
  const names = new LogNames(opts.lang);
  const live = new LiveTimeline(
    say,
    style,
    opts.lang,
    names,
    process.stdout.isTTY ? width : undefined,
  );
  say(
    style.bold(
      zh
        ? `运行 ${plainText(opts.lab)}，种子 ${opts.seed}${opts.seedGiven ? '' : '（随机选取）'}，速度 ${opts.speed}×`
        : `Running ${plainText(opts.lab)} with seed ${opts.seed}${opts.seedGiven ? '' : ' (picked at random)'} at speed ${opts.speed}×`,
    ),
  );
  const meta = builtinLabInfo(opts.lab);
  // The title on a line of its own: many titles already hold a colon ("Barrier: runners meet …").
  if (meta) {
    say(style.bold(meta.title[opts.lang]));
    for (const line of wrap(meta.description[opts.lang], width)) say(line);
  }
  if (opts.live) say(style.dim(LEGEND[opts.lang]));
  // An own lab's title arrives with the run's first event; without the live timeline its print()
  // output is still the lab's own voice, so it is shown line by line.
  const onEvent = (e: LabEvent) => {
    if (e.kind === 'run.start' && !meta) say(style.bold(e.title[opts.lang]));
    if (opts.live) return live.push(e);
    names.note(e);
    if (e.kind === 'log') say(`  ${names.proc(e.proc)} › ${e.text}`);
  };
  // Everything the lab controls reaches the terminal as plain text (see terminalText.ts).
  const end = await runScheduled(
    opts,
    replay.steps,
    {
      onEvent: (e) => onEvent(terminalSafeEvent(e)),
      notice: (text) => process.stderr.write(`${plainText(text)}\n`),
    },
    say,
  );
  if (end.kind === 'fatal') {
    process.stderr.write(`${errorLine(opts.lang, plainText(end.message))}\n`);
    return 1;
  }
  for (const line of reportLines(
    { status: end.status, events: end.events.map(terminalSafeEvent), wallMs: end.wallMs },
    { ...opts, lab: plainText(opts.lab) },
    style,
    width,
  ))
    say(line);
  if (opts.eventsFile)
    say(
      style.dim(
        zh ? `事件日志已写入 ${opts.eventsFile}` : `Event log written to ${opts.eventsFile}`,
      ),
    );
  if (opts.htmlFile) {
    const err = writeHtml(opts.htmlFile, end.events, opts.lang);
    if (err) {
      process.stderr.write(`${errorLine(opts.lang, err[opts.lang])}\n`);
      return 1;
    }
    say(
      style.dim(
        zh ? `HTML 时间线已写入 ${opts.htmlFile}` : `HTML timeline written to ${opts.htmlFile}`,
      ),
    );
  }
  const code = exitCodeFor(end.status);
  if (code !== 0)
    process.stderr.write(
      zh
        ? `运行没有正常结束（${STATUS_ZH[end.status]}）。\n`
        : `The run did not finish normally (${end.status}).\n`,
    );
  return code;
}

/** Why a file cannot be written where asked (its folder is missing), checked before a long run. */
function unwritable(file: string, lang: RunOptions['lang']): string | undefined {
  return existsSync(dirname(file))
    ? undefined
    : l10n(lang, 'cannot write {0}: the folder {1} does not exist', file, dirname(file));
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
    process.stderr.write(`${errorLine(argsLang(process.argv.slice(2)), text)}\n`);
    process.exitCode = 1;
  },
);
