// `run --replay FILE` reads a controlled run's recording (src/cli/replayFile.ts): a damaged file
// is refused with the line that is wrong, and only a last line cut off is forgiven.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from '../../src/cli/args';
import { recordedLang } from '../../src/model/scheduleSteps';
import type { LabEvent } from '../../src/protocol/events';
import { applyReplay, readSchedule, type RecordedSchedule } from '../../src/cli/replayFile';

const lines = [
  '{"v":1,"seq":0,"t":0,"proc":-1,"kind":"run.start","lab":"ticket-race","title":{"en":"T","zh-CN":"T"},"seed":7,"speed":1,"schedule":"fifo"}',
  '{"v":1,"seq":1,"t":0,"proc":0,"kind":"proc.spawn","name":"MainProcess","parent":-1,"daemon":false,"pid":10}',
  '{"v":1,"seq":2,"t":10,"proc":-1,"kind":"sched.step","step":1,"chosen":0,"runnable":[0],"ops":["start Process 0"]}',
  '{"v":1,"seq":3,"t":20,"proc":-1,"kind":"sched.step","step":2,"chosen":0,"runnable":[0],"ops":["go on"]}',
  '{"v":1,"seq":4,"t":30,"proc":-1,"kind":"run.end","status":"ok"}',
];

describe('cli --replay file', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'cl-replay-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const f = join(dir, name);
    writeFileSync(f, text);
    return f;
  };

  it('reads the lab, the seed and every step of a whole recording', () => {
    const rec = readSchedule(file('whole.labrun', lines.join('\n') + '\n'));
    assert.ok(!('error' in rec), JSON.stringify(rec));
    assert.deepEqual([rec.lab, rec.seed, rec.steps.length], ['ticket-race', 7, 2]);
  });

  it('refuses a recording damaged in the middle, naming the line', () => {
    const damaged = [lines[0], lines[1], lines[2].slice(0, 40), lines[3], lines[4]].join('\n');
    const f = file('damaged.labrun', damaged + '\n');
    const rec = readSchedule(f);
    assert.ok('error' in rec, JSON.stringify(rec));
    assert.match(rec.error.en, /is not a valid recording: line 3: not valid JSON/);
    const badField = lines.map((l) => l.replace('"runnable":[0],"ops":["go on"]', '"ops":5'));
    const g = readSchedule(file('bad-field.labrun', badField.join('\n') + '\n'));
    assert.ok('error' in g && /line 4/.test(g.error.en), JSON.stringify(g));
  });

  it('replays in the language the recording ran in, unless --lang says otherwise', () => {
    const zh = lines.map((l) => l.replace('"name":"MainProcess"', '"name":"主进程"'));
    const en = file('en.labrun', lines.join('\n') + '\n');
    const cn = file('zh.labrun', zh.join('\n') + '\n');
    assert.equal((readSchedule(en) as RecordedSchedule).lang, 'en');
    assert.equal((readSchedule(cn) as RecordedSchedule).lang, 'zh-CN');
    const opts = (args: string[], env: NodeJS.ProcessEnv) => {
      const p = parseArgs(['run', ...args], env);
      assert.ok(p.ok && p.command.cmd === 'run');
      const r = applyReplay(p.command.opts);
      assert.ok(!('error' in r), JSON.stringify(r));
      return r.opts;
    };
    // LANG is Chinese, the recording English: the replay runs in English, as it was recorded.
    assert.equal(opts(['--replay', en], { LANG: 'zh_CN.UTF-8' }).lang, 'en');
    assert.equal(opts(['--replay', cn], {}).lang, 'zh-CN');
    assert.equal(opts(['--replay', cn, '--lang', 'en'], {}).lang, 'en');
  });

  it('replays in the language run.start records, though no name is Chinese', () => {
    const zh = lines.map((l) => l.replace('"schedule":"fifo"', '"schedule":"fifo","lang":"zh-CN"'));
    const f = file('zh-plain.labrun', zh.join('\n') + '\n');
    assert.equal((readSchedule(f) as RecordedSchedule).lang, 'zh-CN');
    const opts = (args: string[]) => {
      const p = parseArgs(['run', '--replay', f, ...args], { LANG: 'C' });
      assert.ok(p.ok && p.command.cmd === 'run');
      const r = applyReplay(p.command.opts);
      assert.ok(!('error' in r), JSON.stringify(r));
      return r.opts;
    };
    assert.equal(opts([]).lang, 'zh-CN');
    // An explicit --lang wins over the recording's.
    assert.equal(opts(['--lang', 'en']).lang, 'en');
    assert.equal(opts(['--lang=en']).lang, 'en');
    // The field wins over the names: an English recording of a lab with Chinese names.
    const en = lines.map((l) =>
      l
        .replace('"schedule":"fifo"', '"schedule":"fifo","lang":"en"')
        .replace('"name":"MainProcess"', '"name":"主进程"'),
    );
    assert.equal(
      (readSchedule(file('en-named.labrun', en.join('\n') + '\n')) as RecordedSchedule).lang,
      'en',
    );
  });

  it('refuses a language that is not en or zh-CN, naming the line', () => {
    const fr = lines.map((l) => l.replace('"schedule":"fifo"', '"schedule":"fifo","lang":"fr"'));
    const rec = readSchedule(file('fr.labrun', fr.join('\n') + '\n'));
    assert.ok('error' in rec, JSON.stringify(rec));
    assert.match(rec.error.en, /fr\.labrun is not a valid recording: line 1: .*lang/);
    assert.match(rec.error['zh-CN'], /fr\.labrun 不是有效的录制文件：第 1 行：.*lang/);
  });

  it('reads the language of a log from its names, for a fork in VS Code too', () => {
    const parse = (text: string) => text.split('\n').map((l) => JSON.parse(l) as LabEvent);
    assert.equal(recordedLang(parse(lines.join('\n'))), 'en');
    const zh = lines.join('\n').replace('"name":"MainProcess"', '"name":"主进程"');
    assert.equal(recordedLang(parse(zh)), 'zh-CN');
    // A log that says its language is read from run.start: here Chinese without a Chinese name.
    const said = lines.join('\n').replace('"seed":7', '"lang":"zh-CN","seed":7');
    assert.equal(recordedLang(parse(said)), 'zh-CN');
  });

  it('forgives a last line cut off, as a killed runner leaves it', () => {
    const cut = [...lines.slice(0, 4), lines[4].slice(0, 25)].join('\n');
    const rec = readSchedule(file('cut.labrun', cut));
    assert.ok(!('error' in rec), JSON.stringify(rec));
    assert.equal(rec.steps.length, 2);
  });
});
