/** The built-in lab "ipc": its title, description and process count. */
import type { BuiltinLabInfo } from './labInfo';

export const ipcInfo: BuiltinLabInfo = {
  id: 'ipc',
  processes: 3,
  title: { en: 'Inter-process communication', 'zh-CN': '进程间通信（IPC）' },
  description: {
    en: 'Two children pass a message through a Queue, and main trades a request and a reply with a third child.',
    'zh-CN': '两个子进程通过队列传递消息，主进程与第三个子进程一问一答。',
  },
};
