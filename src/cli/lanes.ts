/**
 * The live text timeline: one line per event, a column (lane) per process showing what
 * each process is doing at that moment, then the acting process's name and what it did.
 *
 *    1.52s  │ ● ┆ ░ │   Process 0    read data.json → {"ticket_num":1}
 */
import type { LabEvent } from '../protocol/events';
import type { Lang } from './args';
import { describeEvent, type Names } from './describe';
import { processNameIn } from '../model/chineseText';
import { objectNameIn } from '../model/objectNames';
import { isInformation } from '../model/findingWords';
import { displayWidth, fit, type Paint, type Style } from './style';

/** `start`: forked but not yet running lab code (a fresh process takes a moment to load). */
type Mode = 'start' | 'run' | 'sleep' | 'wait' | 'gone';
interface Lane {
  mode: Mode;
  holds: number;
}

const MAX_LANES = 24;
const NAME_WIDTH = 12;
const HEADER_EVERY = 40;

/**
 * Process and object names as the log introduces them, said in the UI's language (主进程 and
 * 锁 1 in Chinese for Python's and the runner's default names).
 */
export class LogNames implements Names {
  readonly procs = new Map<number, string>();
  readonly objs = new Map<number, string>();
  constructor(private readonly lang: Lang) {}
  note(e: LabEvent): void {
    if (e.kind === 'proc.spawn') this.procs.set(e.proc, e.name);
    else if (e.kind.endsWith('.create') && 'obj' in e && 'name' in e) this.objs.set(e.obj, e.name);
  }
  proc(id: number): string {
    if (id < 0) return this.lang === 'zh-CN' ? '运行器' : 'runner';
    const name = this.procs.get(id);
    return name === undefined ? `#${id}` : processNameIn(name, this.lang);
  }
  obj(id: number): string {
    const name = this.objs.get(id);
    return name === undefined ? `#${id}` : objectNameIn(name, this.lang);
  }
}

/**
 * One character over a process's lane: the last digit of the number in its name ("Process 9" → 9,
 * so the digit matches the name the row prints), else the name's first character ("生" for
 * 生产者: a Chinese one fills both columns of its lane). The main process (lane 0) is M, 主 in
 * Chinese.
 */
export function laneLabel(name: string | undefined): string {
  if (name === undefined) return ' ';
  const number = /(\d+)\D*$/.exec(name);
  if (number) return number[1].slice(-1);
  const first = [...name.trim()][0] ?? ' ';
  const width = displayWidth(first);
  return width === 1 || width === 2 ? first : '?';
}

/** A lane's label over its two columns (the lane's glyph and the space after it). */
function laneCell(label: string): string {
  return displayWidth(label) === 2 ? label : `${label} `;
}

export const LEGEND: Record<Lang, string> = {
  en: 'lanes: · starting  │ running  ┃ holding a lock  ┆ sleeping  ░ blocked  ● the event  × exited; times in lab seconds',
  'zh-CN':
    '泳道：· 启动中  │ 运行  ┃ 持有锁  ┆ 睡眠  ░ 阻塞  ● 本行事件  × 已退出；时间为实验内的秒数',
};

export class LiveTimeline {
  private readonly lanes = new Map<number, Lane>();
  private speed = 1;
  /** Times are shown from the moment the lab's main process started. */
  private t0: number | undefined;
  private lanesAtHeader = 0;
  private sinceHeader = 0;

  constructor(
    private readonly write: (line: string) => void,
    private readonly style: Style,
    private readonly lang: Lang,
    readonly names: LogNames,
    /** Terminal width to cut lines to; undefined when not writing to a terminal. */
    private readonly columns?: number,
  ) {}

  push(e: LabEvent): void {
    this.names.note(e);
    if (e.kind === 'run.start') this.speed = e.speed > 0 ? e.speed : 1;
    if (e.kind === 'proc.spawn' && e.proc >= 0) {
      this.t0 ??= e.t;
      this.lanes.set(e.proc, { mode: e.proc === 0 ? 'run' : 'start', holds: 0 });
    }
    const text = describeEvent(e, this.names, this.lang, this.speed);
    if (text !== undefined && e.kind !== 'run.start' && e.kind !== 'run.end') {
      if (
        e.kind !== 'proc.spawn' &&
        (this.lanes.size !== this.lanesAtHeader || this.sinceHeader >= HEADER_EVERY)
      )
        this.header();
      this.row(e, text);
    }
    this.advance(e);
  }

  private laneCount(): number {
    return Math.min(MAX_LANES, this.lanes.size === 0 ? 0 : Math.max(...this.lanes.keys()) + 1);
  }

  private header(): void {
    this.lanesAtHeader = this.lanes.size;
    this.sinceHeader = 0;
    const n = this.laneCount();
    let digits = '';
    const main = this.lang === 'zh-CN' ? '主' : 'M';
    for (let i = 0; i < n; i++)
      digits += laneCell(i === 0 ? main : laneLabel(this.names.procs.get(i)));
    if (this.lanes.size > MAX_LANES) digits += '+ ';
    this.write(
      this.style.dim(
        `${' '.repeat(9)}${digits} ${fit(this.lang === 'zh-CN' ? '进程' : 'process', NAME_WIDTH, true)} ${this.lang === 'zh-CN' ? '事件' : 'event'}`,
      ),
    );
  }

  private row(e: LabEvent, text: string): void {
    const paint = this.paintFor(e);
    const time =
      `${((Math.max(0, e.t - (this.t0 ?? e.t)) * this.speed) / 1e6).toFixed(2)}s`.padStart(8);
    let lanes = '';
    const n = this.laneCount();
    for (let i = 0; i < n; i++)
      lanes +=
        (i === e.proc ? paint(e.kind === 'proc.exit' ? '×' : '●') : this.glyph(this.lanes.get(i))) +
        ' ';
    if (this.lanes.size > MAX_LANES) lanes += (e.proc >= MAX_LANES ? paint('●') : ' ') + ' ';
    const name = fit(this.names.proc(e.proc), NAME_WIDTH, true);
    const used = 9 + displayWidth(lanes.replace(/\x1b\[[0-9;]*m/g, '')) + NAME_WIDTH + 2;
    const body = this.columns ? fit(text, Math.max(20, this.columns - used)) : text;
    this.write(
      `${this.style.dim(time)} ${lanes} ${name} ${e.kind === 'log' ? this.style.bold(body) : paint(body)}`,
    );
    this.sinceHeader++;
  }

  private glyph(l: Lane | undefined): string {
    if (!l || l.mode === 'gone') return ' ';
    if (l.mode === 'sleep') return this.style.dim('┆');
    if (l.mode === 'start') return this.style.dim('·');
    if (l.mode === 'wait') return this.style.yellow('░');
    return l.holds > 0 ? this.style.bold('┃') : '│';
  }

  private paintFor(e: LabEvent): Paint {
    const s = this.style;
    if (e.kind === 'diag' && isInformation(e.code)) return s.cyan;
    if (
      e.kind === 'error' ||
      e.kind === 'diag' ||
      (e.kind === 'file.read' && e.error !== undefined)
    )
      return s.red;
    if (e.kind === 'queue.full' || e.kind === 'queue.empty' || e.kind === 'lock.timeout')
      return s.yellow;
    if (e.kind.startsWith('lock.')) return e.kind === 'lock.acquire' ? s.green : s.yellow;
    if (e.kind.startsWith('queue.')) return s.cyan;
    if (e.kind.startsWith('file.')) return s.magenta;
    if (e.kind === 'proc.exit' && e.code !== 0 && e.reason !== 'daemon') return s.red;
    if (e.kind === 'log') return s.bold;
    return s.dim;
  }

  /** Moves the acting process's lane to its state after the event. */
  private advance(e: LabEvent): void {
    const lane = this.lanes.get(e.proc);
    if (!lane) return;
    if (lane.mode === 'start' && e.kind !== 'proc.spawn') lane.mode = 'run';
    switch (e.kind) {
      case 'sleep.begin':
        lane.mode = 'sleep';
        break;
      case 'lock.request':
        if (e.block) lane.mode = 'wait';
        break;
      case 'queue.put.wait':
      case 'queue.get.wait':
      case 'queue.join.wait':
      case 'proc.join.wait':
        lane.mode = 'wait';
        break;
      case 'lock.acquire':
        lane.holds++;
        lane.mode = 'run';
        break;
      case 'lock.release':
        lane.holds = Math.max(0, lane.holds - 1);
        break;
      case 'proc.exit':
        lane.mode = 'gone';
        break;
      case 'sleep.end':
      case 'lock.timeout':
      case 'queue.put':
      case 'queue.get':
      case 'queue.full':
      case 'queue.empty':
      case 'queue.join.done':
      case 'proc.join.done':
        lane.mode = 'run';
        break;
    }
  }
}
