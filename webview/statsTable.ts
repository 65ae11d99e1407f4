/** The statistics tables (per process, per lock with its per-process rows, per queue), as plain DOM text. */
import { poolTable } from './poolStatsTable';
import type { RunStats } from '../src/model/stats';
import type { DurationSummary } from '../src/model/durationSummary';
import { el, clear } from './dom';
import { fmtDur } from './text';
import { getLang, objWord, procWord } from './i18n';

const zh = () => getLang() === 'zh-CN';

export function table(
  caption: string,
  head: string[],
  rows: (string | number)[][],
): HTMLTableElement {
  const t = el('table', { class: 'tl-table' });
  t.append(el('caption', {}, caption));
  const tr = el('tr');
  for (const h of head) tr.append(el('th', { scope: 'col' }, h));
  t.append(el('thead'));
  t.tHead!.append(tr);
  const body = el('tbody');
  for (const r of rows) {
    const row = el('tr');
    r.forEach((c, i) =>
      row.append(el(i === 0 ? 'th' : 'td', i === 0 ? { scope: 'row' } : {}, String(c))),
    );
    body.append(row);
  }
  t.append(body);
  return t;
}

const d = (us: number) => (us ? fmtDur(us) : '–');
const sum = (s: DurationSummary) =>
  s.count
    ? `${fmtDur(s.minUs)} / ${fmtDur(s.avgUs)} / ${fmtDur(s.p95Us)} / ${fmtDur(s.maxUs)}`
    : '–';

export function renderStats(host: HTMLElement, s: RunStats): void {
  clear(host);
  const Z = zh();
  host.append(
    table(
      Z ? '进程' : 'Processes',
      Z
        ? [
            '进程',
            '存活',
            '睡眠',
            '等锁',
            '持锁',
            'put 阻塞',
            'get 阻塞',
            'join 等待',
            '放入',
            '取出',
            '退出码',
          ]
        : [
            'Process',
            'lifetime',
            'sleeping',
            'lock wait',
            'lock hold',
            'put blocked',
            'get blocked',
            'join wait',
            'put',
            'got',
            'exit',
          ],
      s.processes.map((p) => [
        procWord(p.name),
        d(p.lifetimeUs),
        d(p.sleepingUs),
        d(p.lockWaitUs),
        d(p.lockHoldUs),
        d(p.putBlockedUs),
        d(p.getBlockedUs),
        d(p.joinWaitUs),
        p.itemsPut,
        p.itemsGot,
        p.exited ? String(p.exitCode ?? p.signal ?? '?') : '…',
      ]),
    ),
  );
  if (s.locks.length) {
    const rows: (string | number)[][] = [];
    for (const l of s.locks) {
      rows.push([objWord(l.name), l.requests, l.contended, sum(l.wait), sum(l.hold)]);
      for (const p of l.perProc)
        rows.push([`  ${procWord(p.name)}`, p.requests, p.contended, sum(p.wait), sum(p.hold)]);
    }
    host.append(
      table(
        Z ? '锁（最小 / 平均 / p95 / 最大）' : 'Locks (min / avg / p95 / max)',
        Z
          ? ['锁 / 进程', '请求', '有竞争', '等待', '持有']
          : ['Lock / process', 'requests', 'contended', 'wait', 'hold'],
        rows,
      ),
    );
  }
  if (s.queues.length) {
    host.append(
      table(
        Z ? '队列' : 'Queues',
        Z
          ? [
              '队列',
              '放入',
              '取出',
              '生产',
              '消费',
              '最大长度',
              '吞吐（项/秒）',
              'put 阻塞',
              'get 阻塞',
              '未完成',
            ]
          : [
              'Queue',
              'puts',
              'gets',
              'produced',
              'consumed',
              'max depth',
              'items/s',
              'put blocked',
              'get blocked',
              'unfinished',
            ],
        s.queues.map((q) => [
          objWord(q.name),
          q.puts,
          q.gets,
          q.produced,
          q.consumed,
          q.maxDepth,
          q.throughputPerSec.toFixed(1),
          d(q.putBlockedUs),
          d(q.getBlockedUs),
          q.joinable ? q.unfinished : '–',
        ]),
      ),
    );
  }
  if (s.syncs.length) host.append(syncTable(s, Z));
  if (s.pools.length) host.append(poolTable(s, Z));
}

const SYNC_KIND = {
  semaphore: ['Semaphore', '信号量'],
  bounded: ['BoundedSemaphore', '有界信号量'],
  event: ['Event', '事件'],
  condition: ['Condition', '条件变量'],
  barrier: ['Barrier', '屏障'],
  pipe: ['Pipe', '管道'],
  value: ['Value / Array', '共享值 / 数组'],
} as const;

/** Semaphores, events, conditions, barriers, pipes, values: uses, waits, give-ups and each one's own figure. */
function syncTable(s: RunStats, Z: boolean): HTMLTableElement {
  return table(
    Z
      ? '信号量、事件、条件变量、屏障、管道、共享值'
      : 'Semaphores, events, conditions, barriers, pipes, values',
    Z
      ? [
          '名称',
          '类型',
          '使用',
          '需要等待 / 丢失更新',
          '超时/放弃/破裂/EOF',
          '等待',
          '最低计数 / set / notify / 通过代数 / 消息 / 写入',
        ]
      : [
          'Name',
          'kind',
          'uses',
          'waited / lost updates',
          'gave up / broke / EOF',
          'wait',
          'lowest count / sets / notifies / generations / messages / writes',
        ],
    s.syncs.map((x) => [
      objWord(x.name),
      SYNC_KIND[x.kind][Z ? 1 : 0],
      x.uses,
      x.contended,
      x.timeouts,
      sum(x.wait),
      x.detail,
    ]),
  );
}
