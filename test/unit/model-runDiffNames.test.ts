/**
 * The first difference of two runs says Python's process names as the Chinese UI does (进程2, no
 * spaces around it); English keeps them. Logs built by hand: two processes read a file in turn.
 */
import { strict as assert } from 'node:assert';
import { firstDifference } from '../../src/model/runDiff';
import { LogBuilder } from '../support/logBuilder';

function twoReaders(first: number, second: number) {
  const b = new LogBuilder().start().spawn(0, 'MainProcess');
  b.after(10).spawn(1, 'Process-1').after(10).spawn(2, 'Process-2');
  const f = b.after(10).createFile('data.json', { n: 1 });
  b.after(10).read(first, f).after(10).read(second, f);
  return b.after(10).exit(1).exit(2).exit(0).end().build();
}

describe('model: the first difference of two runs names processes in Chinese', () => {
  it('Process-2 is 进程2 in Chinese, Process-2 in English', () => {
    const d = firstDifference(twoReaders(1, 2), twoReaders(2, 1))!;
    assert.match(d.words.en, /Process-2 read data\.json/);
    assert.match(d.words['zh-CN'], /进程2读了 data\.json/);
    assert.doesNotMatch(d.words['zh-CN'], /Process-\d|MainProcess/);
  });
});
