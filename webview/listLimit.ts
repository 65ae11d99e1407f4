/**
 * Most entries of any list the panels, details and tooltips show (locks, queues, files, waiting
 * processes, a queue's items, names of waiters): a move of the playhead costs the same with 100k
 * items in a queue. The rest is summed up as "… and N more".
 */
export const PANEL_LIST_LIMIT = 50;
