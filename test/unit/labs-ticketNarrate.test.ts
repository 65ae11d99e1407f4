// The ticket race's narration (src/labs/analysis/ticketNarrate.ts) from small logs: the buyers
// that crashed on a torn read are one or several, and both languages say so.
import { strict as assert } from 'node:assert';
import { narrateRace } from '../../src/labs/analysis/ticketNarrate';
import { TICKET_FILE } from '../../src/labs/info/tickets';
import { LogBuilder } from '../support/logBuilder';

/** A ticket race in which Process 0 sells the ticket and `crashes` other buyers read it torn. */
function raceWithCrashes(crashes: number) {
  const b = new LogBuilder().start('ticket-race').spawn(0, 'MainProcess');
  const file = b.createFile(TICKET_FILE, { ticket_num: 1 });
  b.spawn(1, 'Process 0', { parent: 0 });
  for (let i = 1; i <= crashes; i++) b.spawn(1 + i, `Process ${i}`, { parent: 0 });
  b.after(1000).read(1, file);
  b.after(1000).read(1, file);
  for (let i = 1; i <= crashes; i++) b.after(10).tornRead(1 + i, file);
  b.after(1000).write(1, file, { ticket_num: 0 });
  return b.end().build();
}

describe('ticket race narration', () => {
  it('says "it" of one crashed buyer and "each" / 它们都 of several', () => {
    const one = narrateRace(raceWithCrashes(1));
    assert.match(one.en, /Process 1 crashed: it read data\.json/);
    assert.match(one['zh-CN'], /Process 1 崩溃了：它在别的进程重写/);
    const two = narrateRace(raceWithCrashes(2));
    assert.match(two.en, /Process 1 and Process 2 crashed: each read data\.json/);
    assert.match(two['zh-CN'], /崩溃了：它们都在别的进程重写/);
  });
});
