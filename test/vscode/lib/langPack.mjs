// A minimal Simplified Chinese "language pack" for the tests. Offline, the real pack cannot be
// downloaded; without any pack code-server ignores `--locale zh-cn` and stays in English. This pack
// translates nothing of VS Code itself (an empty translation table), but it makes zh-cn VS Code's
// display language, so the extension's own Chinese strings (package.nls.zh-cn.json and
// l10n/bundle.l10n.zh-cn.json) are the ones in use — which is what the tests check.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function buildZhCnPack(dir, repoRoot) {
  mkdirSync(join(dir, 'translations'), { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify(
      {
        name: 'test-zh-cn-pack',
        displayName: 'Test zh-cn pack',
        description: 'Display language zh-cn for tests',
        publisher: 'concurrency-labs-tests',
        version: '0.0.1',
        license: 'MIT',
        engines: { vscode: '^1.90.0' },
        categories: ['Language Packs'],
        contributes: {
          localizations: [
            {
              languageId: 'zh-cn',
              languageName: 'Chinese Simplified',
              localizedLanguageName: '中文(简体)',
              translations: [{ id: 'vscode', path: './translations/main.i18n.json' }],
            },
          ],
        },
      },
      null,
      2,
    ),
  );
  writeFileSync(
    join(dir, 'translations', 'main.i18n.json'),
    JSON.stringify({ version: '1.0.0', contents: {} }),
  );
  writeFileSync(join(dir, 'README.md'), 'Test language pack.\n');
  const vsix = join(dir, 'test-zh-cn-pack.vsix');
  const vsce = join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  const r = spawnSync(
    process.execPath,
    [vsce, 'package', '--allow-missing-repository', '--skip-license', '-o', vsix],
    { cwd: dir, encoding: 'utf8' },
  );
  if (r.status !== 0)
    throw new Error(`could not package the test language pack:\n${r.stdout}\n${r.stderr}`);
  return vsix;
}

/**
 * Registers the installed pack in the profile's languagepacks.json, as desktop VS Code does on
 * install (code-server's `--install-extension` does not write that file).
 */
export function registerZhCnPack(userDataDir, extensionsDir) {
  const id = 'concurrency-labs-tests.test-zh-cn-pack';
  const version = '0.0.1';
  const translations = join(extensionsDir, `${id}-${version}`, 'translations', 'main.i18n.json');
  const hash = createHash('md5').update(id).update(version).digest('hex');
  writeFileSync(
    join(userDataDir, 'languagepacks.json'),
    JSON.stringify({
      'zh-cn': {
        hash,
        extensions: [{ extensionIdentifier: { id }, version }],
        translations: { vscode: translations },
        label: '中文(简体)',
      },
    }),
  );
}
