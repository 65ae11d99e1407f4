/** UI strings of the timeline in both languages. Lab-provided text never goes through here. */
import type { UiLang } from '../src/protocol/webview';

const EN = {
  controls: 'Timeline controls', follow: 'Follow live', play: 'Replay', pause: 'Pause', speed: 'Replay speed',
  zoomIn: 'Zoom in', zoomOut: 'Zoom out', fit: 'Fit all', stop: 'Stop run', rerun: 'Rerun with same seed',
  save: 'Save recording', openTimeline: 'Open timeline', export: 'Export Chrome trace', canvas: 'Timeline of the run: one lane per process, then locks, queues and files. Use arrow keys to pan, + and - to zoom, comma and period to move the playhead.',
  atPlayhead: 'At the playhead', details: 'Details', findings: 'What went wrong', narration: 'What happened',
  stats: 'Statistics', legend: 'Legend', processes: 'Processes', locks: 'Locks', queues: 'Queues', files: 'Shared files',
  running: 'running', sleeping: 'sleeping', lockWait: 'waiting for lock', hold: 'holding lock', putWait: 'blocked on put (full)',
  getWait: 'blocked on get (empty)', joinWait: 'waiting in join', queueJoinWait: 'waiting for queue tasks', exited: 'exited', starting: 'starting up', timeScale: 'times in lab seconds', notStarted: 'not started',
  free: 'free', owner: 'owner', waiters: 'waiting', none: 'nobody', empty: 'empty', items: 'items', depth: 'depth', unfinished: 'unfinished tasks',
  blockedPut: 'blocked putting', blockedGet: 'blocked getting', value: 'value', read: 'read', write: 'write', tornRead: 'torn read',
  live: 'live', ended: 'finished', waitingForRun: 'No run yet. Start a lab to see its timeline here.', errorTitle: 'This run could not be shown',
  daemon: 'daemon', exit: 'exit', pid: 'pid', handoff: 'released to', put: 'put', got: 'got', by: 'by', at: 'at', for: 'for',
  process: 'Process', lock: 'Lock', queue: 'Queue', file: 'File', waitMin: 'wait min', waitAvg: 'avg', waitP95: 'p95', waitMax: 'max',
  holdAvg: 'hold avg', holdMax: 'hold max', produced: 'put', consumed: 'got', throughput: 'items/s', acquisitions: 'acquired',
  statsTooBig: 'Statistics are computed for runs up to {n} events.', dropped: '{n} events were not kept (memory bound).', events: 'events',
  lostUpdate: 'lost update', maxsize: 'maxsize', unbounded: 'unbounded', sentinel: 'None (sentinel)', playhead: 'Playhead',
} as const;

export type Key = keyof typeof EN;

const ZH: Record<Key, string> = {
  controls: '时间线控制', follow: '跟随实时', play: '回放', pause: '暂停', speed: '回放速度',
  zoomIn: '放大', zoomOut: '缩小', fit: '显示全部', stop: '停止运行', rerun: '用相同种子重新运行',
  save: '保存记录', openTimeline: '打开时间线', export: '导出 Chrome 跟踪', canvas: '运行时间线：每个进程一条泳道，下面是锁、队列和文件。方向键平移，+ 和 - 缩放，逗号和句号移动播放头。',
  atPlayhead: '播放头处的状态', details: '详情', findings: '出了什么问题', narration: '发生了什么',
  stats: '统计', legend: '图例', processes: '进程', locks: '锁', queues: '队列', files: '共享文件',
  running: '运行中', sleeping: '睡眠', lockWait: '等待锁', hold: '持有锁', putWait: 'put 阻塞（队列满）',
  getWait: 'get 阻塞（队列空）', joinWait: '在 join 中等待', queueJoinWait: '等待队列任务完成', exited: '已退出', starting: '启动中', timeScale: '时间为实验内秒数', notStarted: '未启动',
  free: '空闲', owner: '持有者', waiters: '等待中', none: '无', empty: '空', items: '项', depth: '长度', unfinished: '未完成任务',
  blockedPut: '阻塞在 put', blockedGet: '阻塞在 get', value: '值', read: '读', write: '写', tornRead: '读到残缺文件',
  live: '实时', ended: '已结束', waitingForRun: '还没有运行。启动一个实验即可在这里看到时间线。', errorTitle: '无法显示这次运行',
  daemon: '守护', exit: '退出', pid: 'pid', handoff: '释放给', put: '放入', got: '取出', by: '由', at: '于', for: '持续',
  process: '进程', lock: '锁', queue: '队列', file: '文件', waitMin: '等待 最小', waitAvg: '平均', waitP95: 'p95', waitMax: '最大',
  holdAvg: '持有 平均', holdMax: '持有 最大', produced: '放入', consumed: '取出', throughput: '项/秒', acquisitions: '获得次数',
  statsTooBig: '统计只对不超过 {n} 个事件的运行计算。', dropped: '有 {n} 个事件未保留（内存上限）。', events: '事件',
  lostUpdate: '丢失更新', maxsize: '最大长度', unbounded: '无上限', sentinel: 'None（哨兵）', playhead: '播放头',
};

let lang: UiLang = 'en';
export function setLang(l: UiLang): void { lang = l; document.documentElement.lang = l; }
export function getLang(): UiLang { return lang; }
export function tr(k: Key, vars?: Record<string, string | number>): string {
  let s: string = lang === 'zh-CN' ? ZH[k] : EN[k];
  if (vars) for (const [n, v] of Object.entries(vars)) s = s.replace(`{${n}}`, String(v));
  return s;
}
