/**
 * The integration suite as one file that both runners load as a mocha test file: bundled by
 * scripts/build.mjs to out/test/vscode/suite.js (with `vscode` left external), it registers every
 * *.test.ts next to it. code-server's route loads it through index.ts; `npm run test:electron`
 * (@vscode/test-cli, .vscode-test.mjs) names it in `files`.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Where this bundle's sources live: out/test/vscode → test/vscode/suite. */
const SUITE_DIR = join(__dirname, '..', '..', '..', 'test', 'vscode', 'suite');

// Test files are found by glob, never hand-listed: every *.test.ts in this folder.
for (const file of readdirSync(SUITE_DIR)
  .filter((f) => f.endsWith('.test.ts'))
  .sort()) {
  // esbuild bundles every file this template can name (a glob import).
  require(`./${file.slice(0, -'.test.ts'.length)}.test.ts`);
}
