import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LAB_FILE_RE, LAB_FILE_SUFFIXES } from '../../src/labs/info/labFile';

const root = join(__dirname, '..', '..');
const read = (p: string) => readFileSync(join(root, p), 'utf8');
const pkg = JSON.parse(read('package.json'));
const nls = JSON.parse(read('package.nls.json')) as Record<string, string>;
const nlsZh = JSON.parse(read('package.nls.zh-cn.json')) as Record<string, string>;
const bundleZh = JSON.parse(read('l10n/bundle.l10n.zh-cn.json')) as Record<string, string>;
const CJK = /[\u4e00-\u9fff]/;

function placeholders(x: unknown, out: string[] = []): string[] {
  if (typeof x === 'string') {
    const m = /^%(.+)%$/.exec(x);
    if (m) out.push(m[1]);
  } else if (Array.isArray(x)) x.forEach((v) => placeholders(v, out));
  else if (x && typeof x === 'object') Object.values(x).forEach((v) => placeholders(v, out));
  return out;
}

describe('extension manifest', () => {
  it('has every %key% in English and Chinese, and the same keys in both files', () => {
    const keys = placeholders({
      displayName: pkg.displayName,
      description: pkg.description,
      contributes: pkg.contributes,
      capabilities: pkg.capabilities,
    });
    assert.ok(keys.length > 30);
    assert.deepEqual(
      keys.filter((k) => !(k in nls)),
      [],
      'missing in package.nls.json',
    );
    assert.deepEqual(
      keys.filter((k) => !(k in nlsZh)),
      [],
      'missing in package.nls.zh-cn.json',
    );
    assert.deepEqual(Object.keys(nls).sort(), Object.keys(nlsZh).sort());
    const untranslated = Object.keys(nlsZh).filter(
      (k) => !k.endsWith('.media') && !CJK.test(nlsZh[k]),
    );
    assert.deepEqual(untranslated, [], 'Chinese strings without Chinese');
  });

  it('translates every runtime string of the extension (vscode.l10n.t)', () => {
    const dir = join(root, 'src', 'extension');
    const strings = new Set<string>();
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      const src = readFileSync(join(dir, f), 'utf8');
      for (const m of src.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g))
        strings.add(m[1].replace(/\\'/g, "'"));
    }
    assert.ok(strings.size > 20);
    assert.deepEqual(
      [...strings].filter((s) => !(s in bundleZh)),
      [],
      'missing in l10n/bundle.l10n.zh-cn.json',
    );
    assert.equal(pkg.l10n, './l10n');
  });

  it('names lab files by the one rule the runner, the CLI and the extension share', () => {
    const menus = Object.values(pkg.contributes.menus).flat() as { when?: string }[];
    const whens = menus.flatMap((m) => m.when?.match(/resourceFilename =~ \/[^/]+\//g) ?? []);
    assert.ok(whens.length >= 3, `the menus name lab files: ${whens.join(', ')}`);
    for (const when of whens) assert.equal(when, `resourceFilename =~ /${LAB_FILE_RE.source}/`);
    assert.deepEqual(
      pkg.activationEvents.filter((e: string) => e.startsWith('workspaceContains:')),
      LAB_FILE_SUFFIXES.map((suffix) => `workspaceContains:**/*${suffix}`),
    );
  });

  it('gives every command a category and every toolbar command a codicon', () => {
    const commands = pkg.contributes.commands as {
      command: string;
      category?: string;
      icon?: string;
    }[];
    assert.deepEqual(
      commands.filter((c) => c.category !== '%category%').map((c) => c.command),
      [],
    );
    const byId = new Map(commands.map((c) => [c.command, c]));
    const toolbar = ['view/title', 'view/item/context', 'editor/title'].flatMap(
      (m) => pkg.contributes.menus[m] as { command: string }[],
    );
    assert.deepEqual(
      toolbar
        .filter((e) => !/^\$\([a-z-~]+\)$/.test(byId.get(e.command)?.icon ?? ''))
        .map((e) => e.command),
      [],
    );
    const palette = new Map(
      (pkg.contributes.menus.commandPalette as { command: string; when: string }[]).map((e) => [
        e.command,
        e.when,
      ]),
    );
    assert.equal(palette.get('concurrencyLabs.stop'), 'concurrencyLabs.running');
    assert.equal(
      palette.get('concurrencyLabs.deleteRun'),
      'false',
      'tree-only commands stay out of the palette',
    );
  });

  it('declares limited support for untrusted workspaces and restores timeline panels', () => {
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.ok(pkg.activationEvents.includes('onWebviewPanel:concurrencyLabs.timeline'));
    assert.match(
      read('src/extension/timelinePanels.ts'),
      /TIMELINE_VIEW_TYPE = 'concurrencyLabs.timeline'/,
    );
    assert.equal(pkg.contributes.customEditors[0].selector[0].filenamePattern, '*.labrun');
  });

  it('ships the walkthrough pages and icons it names, in both languages', () => {
    for (const n of [nls, nlsZh]) {
      for (const k of Object.keys(n).filter((k) => k.endsWith('.media')))
        assert.ok(existsSync(join(root, n[k])), n[k]);
    }
    assert.ok(existsSync(join(root, pkg.contributes.viewsContainers.activitybar[0].icon)));
  });

  it('keeps the webview page strict: nonce from crypto, no unsafe sources', () => {
    const html = read('src/extension/webviewHtml.ts');
    assert.match(html, /randomBytes/);
    assert.match(html, /default-src 'none'/);
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval|Math\.random/);
  });
});
