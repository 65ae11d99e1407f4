/**
 * The outcome banner: one line saying how a run ended, e.g. "1 ticket, 5 sold — oversold".
 * Pure (no Node, no DOM): the CLI, the extension and the webview all show the same words.
 */
import type { Json, LabEvent, Localized, RunStatus } from '../protocol/events';

export type Verdict = 'good' | 'bad' | 'neutral';

export interface OutcomeSummary {
  text: Localized;
  verdict: Verdict;
}

/**
 * The banner for a finished run, or undefined while the log has no `run.end`. `title`: the lab's,
 * for a caller that passes only the end of the log (else it is read from `run.start`).
 */
export function summarizeOutcome(
  events: readonly LabEvent[],
  title?: Localized,
): OutcomeSummary | undefined {
  let end: Extract<LabEvent, { kind: 'run.end' }> | undefined;
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (e.kind === 'run.end') {
      end = e;
      break;
    }
  }
  if (!end) return undefined;
  const result = end.summary
    ? labWords(end)
    : end.outcome === undefined
      ? undefined
      : describeOutcome(end.outcome);
  if (end.status === 'ok') return result ?? finished(events, title);
  const status = statusText(end.status, end.message);
  // A lab that ran to its end with a failed process (a torn read) still has its result to tell first.
  const text = !result
    ? status
    : end.status === 'error'
      ? join(result.text, status)
      : join(status, result.text);
  return {
    text,
    verdict: end.status === 'stopped' ? 'neutral' : 'bad',
  };
}

/** The lab's own words for its outcome (`run.end.summary`); its check says whether they are good news. */
function labWords(end: Extract<LabEvent, { kind: 'run.end' }>): OutcomeSummary {
  const verdict: Verdict =
    end.verdict === 'pass' ? 'good' : end.verdict === 'fail' ? 'bad' : 'neutral';
  return { text: end.summary!, verdict };
}

/** An ended run without a result to tell (an own lab): the lab's title, so the run is recognisable. */
function finished(events: readonly LabEvent[], known?: Localized): OutcomeSummary {
  const start = events.find((e) => e.kind === 'run.start');
  const title = known ?? (start?.kind === 'run.start' ? start.title : undefined);
  if (!title) return { text: { en: 'Finished', 'zh-CN': '运行结束' }, verdict: 'neutral' };
  return {
    text: { en: `${title.en}: finished`, 'zh-CN': `${title['zh-CN']}：运行结束` },
    verdict: 'neutral',
  };
}

/**
 * Words for an outcome of a known shape (the seed's labs, and logs recorded before `run.end` had a
 * `summary`); other shapes, an own lab's without `describe`, are shown as compact JSON.
 */
export function describeOutcome(o: Json): OutcomeSummary {
  if (isObj(o)) {
    const crashed = o.crashed;
    if (isNum(o.tickets) && isNum(o.sold))
      return tickets(o.tickets, o.sold, isNum(crashed) || crashed === true ? crashed : 0);
    if (isNum(o.produced) && isNum(o.consumed)) return meals(o.produced, o.consumed);
    if (Array.isArray(o.put) && Array.isArray(o.got)) return basics(o);
    if (Array.isArray(o.delivered)) {
      const n = o.delivered.length;
      return {
        text: { en: `${n} message${n === 1 ? '' : 's'} delivered`, 'zh-CN': `送达 ${n} 条消息` },
        verdict: n > 0 ? 'good' : 'bad',
      };
    }
  }
  let text = JSON.stringify(o);
  if (text.length > 80) text = text.slice(0, 79) + '…';
  return { text: { en: text, 'zh-CN': text }, verdict: 'neutral' };
}

/**
 * "1 ticket, 5 sold, 2 crashed on a torn read — oversold"; `crashed: true` is a histogram's class
 * of runs where some buyer crashed (exploreOutcomes.ts `outcomeClass`).
 */
function tickets(n: number, sold: number, crashed: number | true): OutcomeSummary {
  const torn =
    crashed === true
      ? { en: ', some buyer crashed on a torn read', 'zh-CN': '，有买家读到残缺文件而崩溃' }
      : crashed
        ? {
            en: `, ${crashed} crashed on a torn read`,
            'zh-CN': `，${crashed} 个进程读到残缺文件而崩溃`,
          }
        : { en: '', 'zh-CN': '' };
  const en = `${n} ticket${n === 1 ? '' : 's'}, ${sold} sold${torn.en}`;
  const zh = `${n} 张票，卖出 ${sold} 张${torn['zh-CN']}`;
  if (sold > n)
    return { text: { en: `${en} — oversold`, 'zh-CN': `${zh} — 超卖` }, verdict: 'bad' };
  if (crashed) return { text: { en, 'zh-CN': zh }, verdict: 'bad' };
  return { text: { en, 'zh-CN': zh }, verdict: sold === n ? 'good' : 'neutral' };
}

function meals(produced: number, consumed: number): OutcomeSummary {
  const en = `${produced} produced, ${consumed} consumed`;
  const zh = `生产 ${produced} 个，消费 ${consumed} 个`;
  if (produced === consumed) return { text: { en, 'zh-CN': zh }, verdict: 'good' };
  const lost = produced - consumed;
  return lost > 0
    ? {
        text: { en: `${en} — ${lost} never consumed`, 'zh-CN': `${zh} — ${lost} 个没有被消费` },
        verdict: 'bad',
      }
    : {
        text: { en: `${en} — more consumed than produced`, 'zh-CN': `${zh} — 消费多于生产` },
        verdict: 'bad',
      };
}

function basics(o: { [k: string]: Json }): OutcomeSummary {
  const put = (o.put as Json[]).length;
  const got = (o.got as Json[]).length;
  const fifo = o.fifo === true;
  const full = isNum(o.full) ? o.full : 0;
  const empty = isNum(o.empty) ? o.empty : 0;
  return {
    text: {
      en: `${put} put, ${got} got${fifo ? ', FIFO' : ', not FIFO'} · Full ×${full} · Empty ×${empty}`,
      'zh-CN': `放入 ${put} 个，取出 ${got} 个${fifo ? '，先进先出' : '，顺序不符'} · Full ×${full} · Empty ×${empty}`,
    },
    verdict: fifo ? 'good' : 'bad',
  };
}

export function statusText(status: RunStatus, message?: string): Localized {
  const m = message ? `: ${message}` : '';
  const mz = message ? `：${message}` : '';
  switch (status) {
    case 'ok':
      return { en: 'Finished', 'zh-CN': '运行结束' };
    case 'error':
      return { en: `Failed${m}`, 'zh-CN': `运行出错${mz}` };
    case 'stopped':
      return { en: 'Stopped before the end', 'zh-CN': '运行被中途停止' };
    case 'timeout':
      return { en: `Timed out${m}`, 'zh-CN': `运行超时${mz}` };
    // The runner's message for these already names them ("Deadlock: …", "The run hangs: …").
    case 'deadlock':
      return message ? { en: message, 'zh-CN': message } : { en: 'Deadlock', 'zh-CN': '死锁' };
    case 'hang':
      return message
        ? { en: message, 'zh-CN': message }
        : { en: 'Hang: every process was waiting', 'zh-CN': '卡住：所有进程都在等待' };
  }
}

function join(a: Localized, b: Localized): Localized {
  return { en: `${a.en} — ${b.en}`, 'zh-CN': `${a['zh-CN']} — ${b['zh-CN']}` };
}

function isObj(x: Json): x is { [k: string]: Json } {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isNum(x: Json | undefined): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}
