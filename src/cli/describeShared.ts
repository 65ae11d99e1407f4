/** One short line per Value, Array and Pipe event for the live timeline, in the run's language. */
import type { LabEvent } from '../protocol/events';
import { formatValue } from '../protocol/preview';
import type { Names } from './describe';

const MAX_VALUE = 60;
/** A Han character or Chinese punctuation: no space is wanted beside it next to another. */
const CJK = /[\u3400-\u9fff\u3000-\u303f\uff01-\uff60]/;

/**
 * Chinese words and names joined as Chinese reads them: 从球桌的第 0 端, but 从 table 的第 0 端
 * and 管道 1 的第 0 端 (a space beside a Latin name or a number).
 */
function zhWords(...parts: string[]): string {
  return parts.reduce((text, part) =>
    CJK.test(text.at(-1) ?? '') && CJK.test(part[0] ?? '') ? text + part : `${text} ${part}`,
  );
}

function v(x: Parameters<typeof formatValue>[0]): string {
  const s = formatValue(x);
  return s.length > MAX_VALUE ? s.slice(0, MAX_VALUE - 1) + '…' : s;
}

/** Text for a Value, Array or Pipe event; undefined for any other kind. */
export function describeSharedEvent(e: LabEvent, n: Names, zh: boolean): string | undefined {
  const t = (en: string, cn: string) => (zh ? cn : en);
  const at = (x: { obj: number; index?: number }) =>
    x.index === undefined ? n.obj(x.obj) : `${n.obj(x.obj)}[${x.index}]`;
  const end = (x: { obj: number; end: number }) =>
    t(`end ${x.end} of ${n.obj(x.obj)}`, zhWords(n.obj(x.obj), `的第 ${x.end} 端`));
  switch (e.kind) {
    case 'value.create':
      return t(`created ${n.obj(e.obj)} = ${v(e.value)}`, `创建 ${n.obj(e.obj)} = ${v(e.value)}`);
    case 'value.get':
      return t(`read ${at(e)} → ${v(e.value)}`, `读取 ${at(e)} → ${v(e.value)}`);
    case 'value.set':
      return t(`write ${at(e)} ← ${v(e.value)}`, `写入 ${at(e)} ← ${v(e.value)}`);
    case 'pipe.create':
      return t(
        `created ${n.obj(e.obj)}${e.duplex ? '' : ' (one-way)'}`,
        `创建 ${n.obj(e.obj)}${e.duplex ? '' : '（单向）'}`,
      );
    case 'pipe.send':
      return t(
        `send ${v(e.value)} from ${end(e)}`,
        `${zhWords('从', end(e), '发送')} ${v(e.value)}`,
      );
    case 'pipe.recv.wait':
      return t(
        `recv() waits at ${end(e)}: no message`,
        `recv() ${zhWords('在', end(e), '等待：没有消息')}`,
      );
    case 'pipe.recv':
      return t(
        `received ${v(e.value)} at ${end(e)}`,
        `${zhWords('在', end(e), '收到')} ${v(e.value)}`,
      );
    case 'pipe.eof':
      return t(`recv() at ${end(e)}: EOFError`, `${zhWords('在', end(e))} recv()：EOFError`);
    case 'pipe.poll':
      return `${end(e)} poll() → ${String(e.result)}`;
    case 'pipe.close':
      return t(
        `closed ${end(e)} (${e.holders} still hold it)`,
        zhWords('关闭', end(e), `（还有 ${e.holders} 个进程持有）`),
      );
    case 'pipe.broken':
      return t(
        `send from ${end(e)}: BrokenPipeError`,
        zhWords('从', end(e), '发送：BrokenPipeError'),
      );
    default:
      return undefined;
  }
}
