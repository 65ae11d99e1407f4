/**
 * The layer rule: which folder may import which. `npm run lint` checks it over src/ and webview/
 * (tests and the bench may import anything). The direction, lowest layer first:
 *
 *   protocol            message shapes and their checks; imports nothing
 *   processTree         finding and ending a run's processes       → Node built-ins only
 *   wire                the lab wire's frames                      → protocol
 *   model               pure projections of the event log          → protocol
 *   labs/info           each built-in lab's id, titles, processes  → protocol
 *   labs/analysis       outcomes and narrations (pure)             → protocol, model, labs/info
 *   runtime             the API lab code calls, in lab processes   → protocol, wire, acorn
 *   labs/code           the built-in labs themselves               → runtime, labs/info
 *   runner              brokers, recorder, supervisor              → protocol, wire, model, labs/info, labs/analysis, processTree
 *   runnerClient        starts a runner and reads it               → protocol, model, labs/info, processTree
 *   cli, extension      front ends                                 → protocol, model, runnerClient, labs/info (cli: labs/analysis, l10n)
 *   webview             the timeline app (browser)                 → protocol, model
 *
 * Nothing imports lab code or the runtime except lab code: they run only inside lab processes.
 * Node's built-ins are for the layers that run in Node processes; `vscode` is for the extension.
 */

const NODE = ['core'];

/** A rule: files under `from` may import only what matches `allowed` (and Node built-ins if `node`). */
function layer(name, from, allowed, { node = false, extra = [] } = {}) {
  const to = { pathNot: [`^(${[from, ...allowed].join('|')})`, ...extra] };
  if (node) to.dependencyTypesNot = NODE;
  return {
    name,
    comment: `${from} may import only ${allowed.join(', ') || 'itself'}${node ? ' and Node built-ins' : ''}`,
    severity: 'error',
    from: { path: `^${from}` },
    to,
  };
}

const LAYERS = [
  'src/protocol/',
  'src/processTree/',
  'src/wire/',
  'src/model/',
  'src/labs/info/',
  'src/labs/analysis/',
  'src/runtime/',
  'src/labs/code/',
  'src/runner/',
  'src/runnerClient/',
  'src/cli/',
  'src/extension/',
];

module.exports = {
  forbidden: [
    layer('protocol-imports-nothing', 'src/protocol/', []),
    layer('process-tree-on-node', 'src/processTree/', [], { node: true }),
    layer('wire-on-protocol', 'src/wire/', ['src/protocol/'], { node: true }),
    layer('model-on-protocol', 'src/model/', ['src/protocol/']),
    layer('lab-info-is-data', 'src/labs/info/', ['src/protocol/']),
    layer('lab-analysis-is-pure', 'src/labs/analysis/', [
      'src/protocol/',
      'src/model/',
      'src/labs/info/',
    ]),
    // acorn: the load-time call-site transform of lab modules (runtime/siteTransform.ts).
    layer('runtime-on-protocol-and-wire', 'src/runtime/', ['src/protocol/', 'src/wire/'], {
      node: true,
      extra: ['(^|/)node_modules/acorn/'],
    }),
    layer('lab-code-on-runtime', 'src/labs/code/', ['src/runtime/', 'src/labs/info/']),
    layer(
      'runner-not-on-lab-code',
      'src/runner/',
      [
        'src/protocol/',
        'src/wire/',
        'src/model/',
        'src/labs/info/',
        'src/labs/analysis/',
        'src/processTree/',
      ],
      { node: true },
    ),
    layer(
      'runner-client-on-protocol',
      'src/runnerClient/',
      ['src/protocol/', 'src/model/', 'src/labs/info/', 'src/processTree/'],
      { node: true },
    ),
    // l10n/: the catalogue of the extension's messages, whose Chinese the CLI says too.
    layer(
      'cli-not-on-runner-or-lab-code',
      'src/cli/',
      [
        'src/protocol/',
        'src/model/',
        'src/runnerClient/',
        'src/labs/info/',
        'src/labs/analysis/',
        'l10n/',
      ],
      { node: true },
    ),
    layer(
      'extension-not-on-runner-or-lab-code',
      'src/extension/',
      ['src/protocol/', 'src/model/', 'src/runnerClient/', 'src/labs/info/'],
      { node: true, extra: ['^vscode$', '(^|/)node_modules/@types/vscode/'] },
    ),
    layer('webview-on-protocol-and-model', 'webview/', ['src/protocol/', 'src/model/']),
    {
      name: 'every-source-folder-has-a-layer',
      comment: 'a new folder under src/ gets its place in this file (and in the README) first',
      severity: 'error',
      from: { path: '^src/', pathNot: `^(${LAYERS.join('|')})` },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|out|node_modules)/' },
    // Lab code imports the runtime as 'concurrency-labs' (a path in tsconfig.base.json).
    tsConfig: { fileName: 'tsconfig.base.json' },
    tsPreCompilationDeps: true,
  },
};
