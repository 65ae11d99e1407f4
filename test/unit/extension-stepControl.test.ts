import * as assert from 'node:assert/strict';
import type { StepChoice } from '../../src/protocol/host';
import { StepControl } from '../../src/extension/stepControl';

const choice = (step: number): StepChoice => ({
  step,
  runnable: [
    { proc: 1, name: 'Process-1', op: { en: 'read data.json', 'zh-CN': '读取 data.json' } },
    { proc: 3, name: 'Process-3', op: { en: 'acquire mutex', 'zh-CN': '获取 mutex' } },
  ],
  blocked: [],
  fallback: 3,
});

function setup() {
  const told: string[] = [];
  const seen: (number | undefined)[] = [];
  const control = new StepControl({ choose: (step, proc) => told.push(`${step}:${proc}`) }, (c) =>
    seen.push(c?.step),
  );
  return { control, told, seen };
}

describe('extension StepControl (step mode of one run)', () => {
  it('the first answer counts; a second view, another step or a process that cannot go on is stale', () => {
    const { control, told, seen } = setup();
    control.ask(choice(1));
    assert.equal(control.open?.step, 1);
    assert.equal(control.answer(1, 'proc', 2), 'stale', 'Process 2 is not runnable');
    assert.equal(control.answer(2, 'proc', 1), 'stale', 'no step 2 is open');
    assert.equal(control.answer(1, 'proc', 1), 'answered');
    assert.equal(control.answer(1, 'proc', 3), 'stale', 'already answered in another view');
    assert.deepEqual(told, ['1:1']);
    assert.deepEqual(seen, [1, undefined], 'views hear of the question and of its answer');
    assert.equal(control.open, undefined);
  });

  it('default takes fifo’s pick; run to the end answers every later step without asking', () => {
    const { control, told, seen } = setup();
    control.ask(choice(1));
    control.answer(1, 'default');
    control.ask(choice(2));
    control.answer(2, 'toEnd');
    control.ask(choice(3));
    control.ask(choice(4));
    assert.deepEqual(told, ['1:3', '2:3', '3:3', '4:3']);
    assert.deepEqual(seen, [1, undefined, 2, undefined], 'steps 3 and 4 were never shown');
  });

  it('undo is for the caller to fork, and only after a first step', () => {
    const { control, told } = setup();
    control.ask(choice(1));
    assert.equal(control.answer(1, 'undo'), 'stale');
    control.answer(1, 'proc', 1);
    control.ask(choice(2));
    assert.equal(control.answer(2, 'undo'), 'undo');
    assert.deepEqual(told, ['1:1'], 'the runner is not answered on undo');
  });
});
