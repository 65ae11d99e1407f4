// The type declarations of the lab API (`import … from 'concurrency-labs'`), as one file the
// editor reads: dist/types/concurrency-labs.d.ts. TypeScript writes the runtime's declarations as
// named ambient modules; they are put under `concurrency-labs/internal/…`, and the public module
// re-exports the runtime's index. Written again only when a runtime or protocol source changed.
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';

export const LAB_TYPINGS = 'dist/types/concurrency-labs.d.ts';
const SOURCES = ['src/runtime', 'src/protocol'];

function newestSource() {
  let newest = 0;
  for (const dir of SOURCES)
    for (const f of readdirSync(dir))
      if (f.endsWith('.ts')) newest = Math.max(newest, statSync(join(dir, f)).mtimeMs);
  return newest;
}

export function buildLabTypings(out = LAB_TYPINGS) {
  if (existsSync(out) && statSync(out).mtimeMs >= newestSource()) return false;
  let text = '';
  const program = ts.createProgram(['src/runtime/index.ts'], {
    declaration: true,
    emitDeclarationOnly: true,
    module: ts.ModuleKind.AMD,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    target: ts.ScriptTarget.ES2022,
    outFile: 'concurrency-labs.d.ts',
    strict: true,
    skipLibCheck: true,
    types: ['node'],
    removeComments: false,
  });
  const result = program.emit(undefined, (_name, data) => (text = data));
  const errors = ts.getPreEmitDiagnostics(program).concat(result.diagnostics);
  if (errors.length || !text)
    throw new Error(
      `lab typings: ${ts.formatDiagnostics(errors, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => '.', getNewLine: () => '\n' })}`,
    );
  const named = text.replace(
    /(["'])((?:runtime|protocol)\/[\w/]+)\1/g,
    '"concurrency-labs/internal/$2"',
  );
  const header =
    "// Types of the Concurrency Labs lab API, for the editor: `import … from 'concurrency-labs'`.\n" +
    '// Generated from the runtime; do not edit.\n';
  const face =
    "\ndeclare module 'concurrency-labs' {\n  export * from 'concurrency-labs/internal/runtime/index';\n}\n";
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, header + named + face);
  return true;
}

// Node ≥ 20: `node scripts/labTypings.mjs` builds it on its own.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()))
  buildLabTypings();
