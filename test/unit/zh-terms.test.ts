// One Chinese word for each thing across the command palette, the host's messages and the
// timeline's toolbar: a recording is 录制 and the export is 导出为 Chrome Trace everywhere.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

describe('Chinese terms are the same everywhere', () => {
  const nls = JSON.parse(read('package.nls.zh-cn.json')) as Record<string, string>;
  const bundle = read('l10n/bundle.l10n.zh-cn.json');
  const webview = read('webview/i18n.ts');
  // The Chinese words: the ZH table, after the English one.
  const zhStart = webview.indexOf('const ZH');
  assert.ok(zhStart > 0, 'webview/i18n.ts has its ZH table');
  const zhWebview = webview.slice(zhStart);

  it('save and export read as the palette says', () => {
    const save = /save: '([^']+)'/.exec(zhWebview)?.[1];
    const exportRun = /export: '([^']+)'/.exec(zhWebview)?.[1];
    assert.equal(save, nls['command.saveRecording']);
    assert.equal(exportRun, nls['command.exportRun']);
  });

  it('no file uses the other words', () => {
    for (const [file, text] of [
      ['package.nls.zh-cn.json', JSON.stringify(nls)],
      ['l10n/bundle.l10n.zh-cn.json', bundle],
      ['webview/i18n.ts', webview],
    ])
      assert.doesNotMatch(text, /保存记录|Chrome 跟踪/, file);
  });
});
