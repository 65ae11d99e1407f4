/** One short line of text per event for the live timeline, in the run's language. */
import { relative } from 'node:path';
import { formatValue } from '../protocol/preview';
import type { LabEvent, RunLimitKind } from '../protocol/events';
import type { Lang } from './args';
import { exitReasonText } from '../model/exitReasonWords';
import { isInformation } from '../model/findingWords';
import { textIn } from '../model/localizedText';
import { describeSharedEvent } from './describeShared';

/** Names known so far in the run: processes and objects (locks, queues, files). */
export interface Names {
  proc(id: number): string;
  obj(id: number): string;
}

const MAX_VALUE = 60;

/** The bound a run.limit names, in Chinese (the protocol's words are English). */
const LIMIT_ZH: Record<RunLimitKind, string> = {
  events: '事件数',
  rate: '事件速率',
  processes: '进程数',
  log: '输出行数',
  time: '时间',
  memory: '内存',
  queue: '队列条目数',
  messages: '格式错误的消息',
};

function v(x: Parameters<typeof formatValue>[0]): string {
  const s = formatValue(x);
  return s.length > MAX_VALUE ? s.slice(0, MAX_VALUE - 1) + '…' : s;
}

function sec(us: number, speed: number): string {
  return `${((us * speed) / 1e6).toFixed(2)} s`;
}

/** Text for an event, or undefined for events the live view leaves to the lane glyphs (sleep.end). */
export function describeEvent(
  e: LabEvent,
  n: Names,
  lang: Lang,
  speed: number,
): string | undefined {
  const zh = lang === 'zh-CN';
  const t = (en: string, cn: string) => (zh ? cn : en);
  switch (e.kind) {
    case 'run.start':
      return t(
        `run ${e.lab} (seed ${e.seed}, speed ${e.speed}×)`,
        `运行 ${e.lab}（种子 ${e.seed}，速度 ${e.speed}×）`,
      );
    case 'run.end':
      return t(`run ended: ${e.status}`, `运行结束：${e.status}`);
    case 'run.limit':
      return t(
        `limit reached (${e.what}): ${e.message}`,
        `达到上限（${LIMIT_ZH[e.what]}）：${e.message}`,
      );
    case 'proc.spawn':
      return t(
        `started${e.daemon ? ' (daemon)' : ''}, pid ${e.pid}`,
        `启动${e.daemon ? '（守护进程）' : ''}，pid ${e.pid}`,
      );
    case 'proc.exit': {
      const how = e.signal ? `${e.signal}` : `code ${e.code}`;
      return t(
        `exited, ${how} (${e.reason})`,
        `退出，${e.signal ?? `退出码 ${e.code}`}（${exitReasonText(e.reason, lang)}）`,
      );
    }
    case 'proc.join.wait':
      return t(
        `join(${n.proc(e.target)}): waits for it to finish`,
        `join(${n.proc(e.target)})：等待它结束`,
      );
    case 'proc.join.done':
      return e.timedOut
        ? t(`join(${n.proc(e.target)}) timed out`, `join(${n.proc(e.target)}) 超时`)
        : t(`join(${n.proc(e.target)}) returned`, `join(${n.proc(e.target)}) 返回`);
    case 'proc.terminate':
      return t(`terminates ${n.proc(e.target)}`, `终止 ${n.proc(e.target)}`);
    case 'sleep.begin':
      return t(`sleep(${e.sec})`, `sleep(${e.sec})`);
    case 'sleep.end':
      return undefined;
    case 'lock.create':
      return t(`created ${n.obj(e.obj)}`, `创建 ${n.obj(e.obj)}`);
    case 'lock.request':
      return t(
        `acquire(${n.obj(e.obj)})${e.block ? '' : ', not blocking'}`,
        `acquire(${n.obj(e.obj)})${e.block ? '' : '，非阻塞'}`,
      );
    case 'lock.acquire':
      return e.waitedUs > 0
        ? t(
            `got ${n.obj(e.obj)} after waiting ${sec(e.waitedUs, speed)}`,
            `等了 ${sec(e.waitedUs, speed)} 后拿到 ${n.obj(e.obj)}`,
          )
        : t(`got ${n.obj(e.obj)} at once`, `立刻拿到 ${n.obj(e.obj)}`);
    case 'lock.release':
      return t(`released ${n.obj(e.obj)}`, `释放 ${n.obj(e.obj)}`);
    case 'lock.timeout':
      return t(`gave up on ${n.obj(e.obj)}`, `放弃等待 ${n.obj(e.obj)}`);
    case 'queue.create':
      return t(
        `created ${n.obj(e.obj)}${e.maxsize ? ` (maxsize ${e.maxsize})` : ''}`,
        `创建 ${n.obj(e.obj)}${e.maxsize ? `（maxsize ${e.maxsize}）` : ''}`,
      );
    case 'queue.put.wait':
      return t(`put blocks: ${n.obj(e.obj)} is full`, `put 阻塞：${n.obj(e.obj)} 已满`);
    case 'queue.put':
      return t(
        `put ${v(e.value)} → ${n.obj(e.obj)} (now ${e.size})`,
        `put ${v(e.value)} → ${n.obj(e.obj)}（现有 ${e.size} 个）`,
      );
    case 'queue.full':
      return t(`put gave up: Full`, `put 放弃：Full`);
    case 'queue.get.wait':
      return t(`get waits: ${n.obj(e.obj)} is empty`, `get 等待：${n.obj(e.obj)} 是空的`);
    case 'queue.get':
      return t(
        `got ${v(e.value)} ← ${n.obj(e.obj)} (now ${e.size})`,
        `取到 ${v(e.value)} ← ${n.obj(e.obj)}（剩 ${e.size} 个）`,
      );
    case 'queue.empty':
      return t('get gave up: Empty', 'get 放弃：Empty');
    case 'queue.query':
      return `${n.obj(e.obj)}.${e.op}() → ${String(e.result)}`;
    case 'queue.task_done':
      return t(
        `task_done(), ${e.unfinished} unfinished`,
        `task_done()，还有 ${e.unfinished} 个未完成`,
      );
    case 'queue.join.wait':
      return t(
        `${n.obj(e.obj)}.join(): waits for ${e.unfinished} unfinished task(s)`,
        `${n.obj(e.obj)}.join()：等待 ${e.unfinished} 个未完成任务`,
      );
    case 'queue.join.done':
      return t(`${n.obj(e.obj)}.join() returned`, `${n.obj(e.obj)}.join() 返回`);
    case 'file.create':
      return t(`created ${n.obj(e.obj)} = ${v(e.value)}`, `创建 ${n.obj(e.obj)} = ${v(e.value)}`);
    case 'file.read':
      return e.error !== undefined
        ? t(
            `read ${n.obj(e.obj)} FAILED: ${e.error}${e.raw !== undefined ? ` (file held ${JSON.stringify(e.raw)})` : ''}`,
            `读取 ${n.obj(e.obj)} 失败：${e.error}${e.raw !== undefined ? `（文件内容 ${JSON.stringify(e.raw)}）` : ''}`,
          )
        : t(`read ${n.obj(e.obj)} → ${v(e.value)}`, `读取 ${n.obj(e.obj)} → ${v(e.value)}`);
    case 'file.write':
      return t(`write ${n.obj(e.obj)} ← ${v(e.value)}`, `写入 ${n.obj(e.obj)} ← ${v(e.value)}`);
    case 'log':
      return `› ${e.text}`;
    case 'error': {
      const place = errorPlace(e);
      const message = firstLine(e.message);
      return t(
        `error: ${message}${place ? ` (${place})` : ''}`,
        `错误：${message}${place ? `（${place}）` : ''}`,
      );
    }
    case 'diag':
      // Waiting for a lock is the lesson working (information), as the report says it.
      return `${isInformation(e.code) ? 'ℹ' : '⚠'} ${textIn(e.message, lang)}`;
    default:
      return describeSharedEvent(e, n, zh);
  }
}

/**
 * Where a lab error was raised, as `file:line` (the path relative to the working folder when it
 * lies inside it), which terminals and VS Code turn into a link; undefined when the event has none.
 */
export function errorPlace(e: { file?: string; line?: number }): string | undefined {
  if (e.file === undefined) return undefined;
  const inside = relative(process.cwd(), e.file);
  const file = inside && !inside.startsWith('..') && !/^[\\/]/.test(inside) ? inside : e.file;
  return e.line !== undefined ? `${file}:${e.line}` : file;
}

export function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return i < 0 ? s : s.slice(0, i);
}
