/** The built-in lab "ticket-race": its title, description and process count. */
import type { BuiltinLabInfo } from './labInfo';

export const ticketRaceInfo: BuiltinLabInfo = {
  id: 'ticket-race',
  // Ten buyers: the runner boots them before main runs, so they really start together.
  processes: 10,
  title: { en: 'Ticket race (no lock)', 'zh-CN': '抢票（不加锁）' },
  description: {
    en: 'Ten processes buy the only ticket in data.json at the same time. Without a lock, several of them sell it.',
    'zh-CN': '十个进程同时抢 data.json 里仅有的一张票。没有锁，好几个进程都会把它卖出去。',
  },
};
