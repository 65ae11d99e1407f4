// A minimal stand-in for the `vscode` module, used ONLY to time `activate()` outside VS Code
// (the real extension is tested inside a real VS Code by test/vscode). Every API is a callable,
// constructible no-op that returns another such object; `then` is absent so awaits resolve.
import { pathToFileURL } from 'node:url';

function stub(name = 'vscode') {
  const fn = function () {};
  const set = new Map(); // what the extension assigned (item.text = …) reads back
  return new Proxy(fn, {
    set(_t, key, value) {
      set.set(key, value);
      return true;
    },
    defineProperty(_t, key, d) {
      set.set(key, d.value);
      return true;
    },
    get(_t, key) {
      if (set.has(key)) return set.get(key);
      if (key === 'then') return undefined;
      if (key === Symbol.toPrimitive) return () => name;
      if (key === Symbol.iterator) return function* () {};
      if (key === 'toString' || key === 'toJSON') return () => name;
      if (key === 'fsPath' || key === 'path') return `/tmp/${name}`;
      return stub(`${name}.${String(key)}`);
    },
    apply: () => stub(`${name}()`),
    construct: () => stub(`new ${name}`),
  });
}

/**
 * The vscode module object handed to the extension: a plain object (bundlers copy its own keys)
 * with a stub for every namespace, class, enum and function that @types/vscode declares at the
 * top level, and the few values that must be real.
 */
export function fakeVscode(typesText) {
  const base = {};
  for (const [, name] of typesText.matchAll(
    /^\texport (?:namespace|class|enum|function|const|let) (\w+)/gm,
  ))
    base[name] = stub(`vscode.${name}`);
  const uri = (p) => ({
    fsPath: p,
    path: p,
    scheme: 'file',
    toString: () => pathToFileURL(p).href,
    with: () => uri(p),
  });
  const overrides = {
    Uri: {
      file: uri,
      joinPath: (u, ...parts) => uri([u.fsPath, ...parts].join('/')),
      parse: (s) => uri(s),
    },
    l10n: {
      t: (s, ...args) =>
        (typeof s === 'string' ? s : s.message).replace(/\{(\d+)\}/g, (_, i) => String(args[i])),
    },
    env: { language: 'en', appName: 'bench', uiKind: 1 },
  };
  return Object.assign(base, overrides);
}

export function fakeContext(extensionPath) {
  const memento = () => {
    const m = new Map();
    return {
      get: (k, d) => (m.has(k) ? m.get(k) : d),
      update: async (k, v) => {
        m.set(k, v);
      },
      keys: () => [...m.keys()],
    };
  };
  return new Proxy(
    {
      subscriptions: [],
      extensionPath,
      extensionUri: { fsPath: extensionPath, path: extensionPath, scheme: 'file' },
      globalState: memento(),
      workspaceState: memento(),
      extensionMode: 1,
      globalStorageUri: {
        fsPath: '/tmp/cl-bench-storage',
        path: '/tmp/cl-bench-storage',
        scheme: 'file',
      },
      storageUri: undefined,
      logUri: { fsPath: '/tmp/cl-bench-log', path: '/tmp/cl-bench-log', scheme: 'file' },
      asAbsolutePath: (p) => `${extensionPath}/${p}`,
    },
    { get: (t, k) => (k in t ? t[k] : stub(`context.${String(k)}`)) },
  );
}
