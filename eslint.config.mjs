// Flat config: eslint's and typescript-eslint's recommended rules (not the type-checked presets, so
// lint stays fast), browser globals for the webview, node globals for everything else.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'out/',
      'test-output/',
      '.vscode-test/',
      '.cache/',
      'bench/results/',
      // Learner-style lab files, some broken on purpose (a syntax error, CommonJS `require`).
      'test/fixtures/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // A leading underscore marks a parameter kept for its signature, or a field destructured out.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['webview/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Playwright scripts: the callbacks they pass to `page.evaluate` run in the page.
    files: ['test/e2e/**', 'test/webview/**', 'bench/timeline.mjs', 'bench/timelineShapes.mjs'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    // These match the terminal's colour escapes (ESC [ … m) on purpose.
    files: ['src/cli/lanes.ts', 'test/unit/cli.test.ts'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    // The suite's runner `require`s mocha at run time; its file, a glob of tests that esbuild bundles.
    files: ['test/vscode/suite/index.ts', 'test/vscode/suite/all.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
