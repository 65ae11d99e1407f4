// Writes dist/runtime.mjs, the ESM face of the runtime that a lab file's
// `import … from 'concurrency-labs'` resolves to. Its export list is read from src/runtime/index.ts
// at build time, so the lab API is listed in one place only: a name exported there can never be
// missing here.
import * as esbuild from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';

const INDEX = 'src/runtime/index.ts';

/** The value names src/runtime/index.ts exports (types are erased and left out). */
export async function runtimeExportNames() {
  const result = await esbuild.build({
    entryPoints: [INDEX],
    bundle: false,
    format: 'esm',
    write: false,
    metafile: true,
    outdir: 'out/runtime-exports',
    logLevel: 'silent',
  });
  const names = Object.values(result.metafile.outputs).flatMap((output) => output.exports);
  if (names.length === 0) throw new Error(`build: ${INDEX} exports nothing`);
  return [...new Set(names)].sort();
}

/** The shim's source: one runtime instance, loaded by the lab process's host, re-exported. */
export function runtimeShimSource(names) {
  return [
    `// The ESM face of the lab runtime, generated from ${INDEX} at build time.`,
    "// It re-exports the one runtime instance the lab process's host loaded, so there is one channel.",
    "const runtime = globalThis[Symbol.for('concurrency-labs.runtime')];",
    'if (!runtime) {',
    '  throw new Error(',
    "    'concurrency-labs: a lab file runs only inside a lab run (for example: node dist/cli.js run my.lab.mjs)',",
    '  );',
    '}',
    `export const { ${names.join(', ')} } = runtime;`,
    'export default runtime;',
    '',
  ].join('\n');
}

export async function buildRuntimeShim(outfile = 'dist/runtime.mjs') {
  mkdirSync('dist', { recursive: true });
  writeFileSync(outfile, runtimeShimSource(await runtimeExportNames()));
}
