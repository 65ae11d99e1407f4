/**
 * The load-time transform that gives each call in a lab module its call site without a stack
 * capture (a capture costs microseconds per brokered operation). Every call `f(a, b)` becomes
 * `f(a, __cl$site(7, b))` and `f()` becomes `f(...__cl$site0(7))`: the site is marked after the
 * arguments (and any call or await inside them) have run, right before the call itself, so the
 * runtime method being called finds its own site in the slot (siteSlot.ts). Only text is
 * inserted, never a newline, so every line keeps its number in stack traces and error reports;
 * the table of sites (line, column, function) comes from the original positions.
 */
import { parse, type Node } from 'acorn';
import { SITE_REGISTRY_KEY } from './siteRegistryKey';

/** What the transformed module calls; declared by the code appended to it (`siteFooter`). */
const MARK = '__cl$site';
const MARK_EMPTY = '__cl$site0';

/** One call: where its site's text goes, and the place it stands for. */
interface Site {
  line: number;
  col: number;
  fn: string | undefined;
}

interface Insertion {
  at: number;
  text: string;
  /** Opens a wrap (at a node's start) or ends one (at a node's end). */
  closes: boolean;
  /** In the order made: outer calls are visited before the calls inside them. */
  order: number;
}

/**
 * At one position, what ends goes before what begins; of two ends the inner one first (it is
 * inside: `f(new G)` → `f(__cl$site(0,new G(…)))`), of two beginnings the outer one first.
 */
function byPosition(a: Insertion, b: Insertion): number {
  if (a.at !== b.at) return a.at - b.at;
  if (a.closes !== b.closes) return a.closes ? -1 : 1;
  return a.closes ? b.order - a.order : a.order - b.order;
}

type AnyNode = Node & Record<string, unknown>;

const PARSE_OPTIONS = {
  ecmaVersion: 'latest',
  sourceType: 'module',
  locations: true,
  allowHashBang: true,
  // A parenthesized argument is wrapped with its parentheses: `f((a, b))` passes b, and so must
  // `f(__cl$site(7, (a, b)))`.
  preserveParens: true,
} as const;

/**
 * The module with its calls marked, or null when it cannot be (acorn cannot parse it: Node then
 * loads the file as it is and reports a syntax error as it always does). Only ES modules.
 */
export function transformSites(source: string): string | null {
  let program: AnyNode;
  try {
    program = parse(source, PARSE_OPTIONS) as unknown as AnyNode;
  } catch {
    return null;
  }
  const sites: Site[] = [];
  const insertions: Insertion[] = [];
  visit(program, [], undefined, { source, sites, insertions });
  if (sites.length === 0) return null;
  insertions.sort(byPosition);
  let out = '';
  let from = 0;
  for (const { at, text } of insertions) {
    out += source.slice(from, at) + text;
    from = at;
  }
  out += source.slice(from) + siteFooter(sites);
  // What we made must still parse; if not, the lab runs untransformed (its calls are captured).
  try {
    parse(out, PARSE_OPTIONS);
  } catch {
    return null;
  }
  return out;
}

/**
 * Declarations appended after the last line (functions hoist, so top-level calls can use them):
 * the module's table of sites, asked for once from the lab host's registry; without one (the
 * module loaded outside a lab process) marking does nothing. The table is made in a function of
 * its own: the marking functions are inlined into every hot loop of the module, and V8 compiles
 * what they hold (a table literal of every call in the module) each time it optimizes one.
 */
function siteFooter(sites: Site[]): string {
  const table = JSON.stringify(sites.map((s) => (s.fn ? [s.line, s.col, s.fn] : [s.line, s.col])));
  return (
    `\n;var __cl$sites;function __cl$table(){return ` +
    `globalThis[Symbol.for(${JSON.stringify(SITE_REGISTRY_KEY)})]?.file(import.meta.url,${table})` +
    `??{mark(){return []}}}` +
    `function ${MARK}(n,v){(__cl$sites??=__cl$table()).mark(n);return v}` +
    `function ${MARK_EMPTY}(n){return (__cl$sites??=__cl$table()).mark(n)}\n`
  );
}

interface Walk {
  source: string;
  sites: Site[];
  insertions: Insertion[];
}

function isNode(x: unknown): x is AnyNode {
  return typeof x === 'object' && x !== null && typeof (x as { type?: unknown }).type === 'string';
}

/** Depth first over every child node; `names`: the enclosing functions' names, innermost last. */
function visit(node: AnyNode, names: (string | undefined)[], parent: AnyNode | undefined, w: Walk) {
  let inner = names;
  if (/Function/.test(node.type)) inner = [...names, functionName(node, parent)];
  if (node.type === 'CallExpression' || node.type === 'NewExpression') markCall(node, inner, w);
  for (const key of Object.keys(node)) {
    if (key === 'loc') continue;
    const value = node[key];
    if (Array.isArray(value)) {
      for (const child of value) if (isNode(child)) visit(child, inner, node, w);
    } else if (isNode(value)) visit(value, inner, node, w);
  }
}

function markCall(call: AnyNode, names: (string | undefined)[], w: Walk): void {
  const args = call.arguments as AnyNode[];
  const n = w.sites.length;
  const insert = (at: number, text: string, closes: boolean) =>
    w.insertions.push({ at, text, closes, order: w.insertions.length });
  if (args.length > 0) {
    const last = args[args.length - 1];
    // A spread's array is wrapped: `f(...xs)` → `f(...__cl$site(7, xs))`.
    const wrapped = last.type === 'SpreadElement' ? (last.argument as AnyNode) : last;
    insert(wrapped.start, `${MARK}(${n},`, false);
    insert(wrapped.end, ')', true);
  } else if (hasArgumentList(call, w.source)) {
    insert(call.end - 1, `...${MARK_EMPTY}(${n})`, true);
  } else {
    // `new Thing` means `new Thing()`: it gets the parentheses.
    insert(call.end, `(...${MARK_EMPTY}(${n}))`, true);
  }
  const at = positionOf(call);
  w.sites.push({ ...at, fn: names[names.length - 1] });
}

/**
 * Whether the call's text ends with its (empty) argument list: always for a call; for `new`,
 * only when written with parentheses (`new (make())` ends with a parenthesis of its callee).
 */
function hasArgumentList(call: AnyNode, source: string): boolean {
  if (call.type === 'CallExpression') return true;
  return source.slice((call.callee as AnyNode).end, call.end).includes('(');
}

/** Where V8 places a call in a stack frame: at the method's name, else where the call begins. */
function positionOf(call: AnyNode): { line: number; col: number } {
  const callee = call.callee as AnyNode;
  const named =
    call.type === 'CallExpression' && callee.type === 'MemberExpression' && !callee.computed
      ? (callee.property as AnyNode)
      : call.type === 'CallExpression'
        ? callee
        : call;
  const start = named.loc!.start;
  return { line: start.line, col: start.column + 1 };
}

/** The name V8 gives a function in a stack frame, as far as the source says it. */
function functionName(fn: AnyNode, parent: AnyNode | undefined): string | undefined {
  const id = fn.id as AnyNode | null | undefined;
  if (id) return id.name as string;
  if (!parent) return undefined;
  const { type } = parent;
  if (type === 'VariableDeclarator' && parent.init === fn) return identifierName(parent.id);
  if (type === 'AssignmentExpression' && parent.right === fn) return identifierName(parent.left);
  if (type === 'Property' || type === 'MethodDefinition' || type === 'PropertyDefinition') {
    if (parent.value !== fn || parent.computed) return undefined;
    return keyName(parent.key as AnyNode);
  }
  return undefined;
}

function identifierName(node: unknown): string | undefined {
  return isNode(node) && node.type === 'Identifier' ? (node.name as string) : undefined;
}

function keyName(key: AnyNode): string | undefined {
  if (key.type === 'Identifier' || key.type === 'PrivateIdentifier') return key.name as string;
  return key.type === 'Literal' && typeof key.value === 'string' ? key.value : undefined;
}
