// Production bundles and a real .vsix (made by @vscode/vsce's own `pack`) in a staging copy of the
// repository, so the bench neither waits for `npm run package`'s type-check nor rewrites the
// dist/ that tests may be using. Returns the staging folder, the packaged files and the .vsix size.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from './paths.mjs';

export async function stagePackage() {
  const stage = mkdtempSync(join(tmpdir(), 'cl-bench-package-'));
  for (const dir of ['src', 'webview', 'node_modules'])
    symlinkSync(join(REPO, dir), join(stage, dir));
  for (const entry of readdirSync(REPO)) {
    if (/^(package(\.nls.*)?\.json|\.vscodeignore|LICENSE|README\.md|CHANGELOG\.md)$/.test(entry))
      cpSync(join(REPO, entry), join(stage, entry));
  }
  for (const dir of ['media', 'l10n', 'python'])
    if (existsSync(join(REPO, dir))) cpSync(join(REPO, dir), join(stage, dir), { recursive: true });
  execFileSync(process.execPath, [join(REPO, 'scripts', 'build.mjs'), '--production'], {
    cwd: stage,
    stdio: 'ignore',
  });
  const vsce = createRequire(import.meta.url)(
    join(REPO, 'node_modules', '@vscode', 'vsce', 'out', 'package.js'),
  );
  const packagePath = join(stage, 'concurrency-labs.vsix');
  const log = console.log;
  console.log = () => {}; // vsce prints the file tree
  try {
    const { files } = await vsce.pack({ cwd: stage, packagePath, dependencies: false });
    return {
      stage,
      files: files.map((f) => f.path.replace(/^extension\//, '')),
      vsixBytes: statSync(packagePath).size,
    };
  } finally {
    console.log = log;
  }
}
