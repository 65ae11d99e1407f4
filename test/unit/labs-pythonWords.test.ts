import { strict as assert } from 'node:assert';
import { builtinLab } from '../../src/labs/analysis/catalog';
import { PYTHON_LAB_INFOS } from '../../src/labs/info/pythonLabs';
import { pythonNames } from '../../src/labs/info/pythonWords';

describe("a Python lab's words name Python's calls", () => {
  it('renames the JavaScript runtime’s camelCase calls, and nothing else', () => {
    assert.equal(
      pythonNames('getNowait() raised Empty; each eater calls taskDone() after each item'),
      'get_nowait() raised Empty; each eater calls task_done() after each item',
    );
    // Beside Chinese characters too (no space between them).
    assert.equal(
      pythonNames('每吃完一份就调用taskDone()，然后'),
      '每吃完一份就调用task_done()，然后',
    );
    assert.equal(
      pythonNames('q.putNowait(x); currentProcess().name'),
      'q.put_nowait(x); current_process().name',
    );
    // Not inside other words, and not words that only look alike.
    assert.equal(
      pythonNames('getNowaitX myTaskDone get, put, join()'),
      'getNowaitX myTaskDone get, put, join()',
    );
  });

  it('in the description, narration and check of the joinable kitchen and queue basics', () => {
    const joinable = PYTHON_LAB_INFOS.find((l) => l.id === 'python-producer-consumer-joinable')!;
    assert.match(joinable.description.en, /task_done\(\)/);
    assert.match(joinable.description['zh-CN'], /task_done\(\)/);
    // The JavaScript lab keeps its own names.
    assert.match(builtinLab('producer-consumer-joinable')!.description.en, /taskDone\(\)/);
    const basics = builtinLab('python-queue-basics')!;
    assert.match(basics.description.en, /get_nowait/);
  });
});
