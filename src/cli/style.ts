/** Terminal styling: ANSI colours only for a TTY without NO_COLOR, and display width that counts CJK as 2 columns. */

export type Paint = (text: string) => string;

export interface Style {
  dim: Paint;
  bold: Paint;
  red: Paint;
  green: Paint;
  yellow: Paint;
  blue: Paint;
  magenta: Paint;
  cyan: Paint;
}

export function makeStyle(enabled: boolean): Style {
  const wrap =
    (open: number, close: number): Paint =>
    (s) =>
      enabled ? `\x1b[${open}m${s}\x1b[${close}m` : s;
  return {
    dim: wrap(2, 22),
    bold: wrap(1, 22),
    red: wrap(31, 39),
    green: wrap(32, 39),
    yellow: wrap(33, 39),
    blue: wrap(34, 39),
    magenta: wrap(35, 39),
    cyan: wrap(36, 39),
  };
}

/** Colour when writing to a terminal, unless NO_COLOR is set; FORCE_COLOR turns it on anyway. */
export function colorWanted(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return !!stream.isTTY;
}

/** Columns a character takes in a terminal: 2 for CJK and full-width forms. */
function charWidth(cp: number): number {
  if (cp < 0x1100) return 1;
  if (
    cp <= 0x115f ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  )
    return 2;
  return 1;
}

/** A colour sequence (SGR): it takes no column, and a cut never falls inside one. */
// eslint-disable-next-line no-control-regex -- matching escape sequences is the point
const SGR = new RegExp('\\x1b\\[[0-9;]*m', 'y');

/** Visible columns of `text`: colour sequences count for nothing, CJK for two. */
export function displayWidth(text: string): number {
  let w = 0;
  for (let i = 0; i < text.length;) {
    SGR.lastIndex = i;
    if (SGR.test(text)) {
      i = SGR.lastIndex;
      continue;
    }
    const cp = text.codePointAt(i)!;
    w += charWidth(cp);
    i += cp > 0xffff ? 2 : 1;
  }
  return w;
}

/**
 * Cuts to at most `width` visible columns (ending in … when cut), then pads with spaces to exactly
 * `width` if `pad`. Colour sequences are kept whole, and a cut text that had any is reset after.
 */
export function fit(text: string, width: number, pad = false): string {
  let out = '';
  let w = 0;
  let coloured = false;
  const total = displayWidth(text);
  for (let i = 0; i < text.length;) {
    SGR.lastIndex = i;
    if (SGR.test(text)) {
      out += text.slice(i, SGR.lastIndex);
      i = SGR.lastIndex;
      coloured = true;
      continue;
    }
    const cp = text.codePointAt(i)!;
    const cw = charWidth(cp);
    if (total > width && w + cw > width - 1) {
      out += coloured ? '…\x1b[0m' : '…';
      w += 1;
      break;
    }
    out += String.fromCodePoint(cp);
    i += cp > 0xffff ? 2 : 1;
    w += cw;
  }
  return pad && w < width ? out + ' '.repeat(width - w) : out;
}

/** Word-wraps plain text to `width` columns (CJK text may break between any two characters). */
export function wrap(text: string, width: number, indent = ''): string[] {
  const lines: string[] = [];
  let line = '';
  const cjk = '\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uffe6';
  const tokens =
    text.match(new RegExp(`[${cjk}][，。、；：！？）」』]?|[^\\s${cjk}]+|\\s+`, 'g')) ?? [];
  for (const tok of tokens) {
    if (/^\s+$/.test(tok)) {
      if (line) line += ' ';
      continue;
    }
    // Chinese closing punctuation never starts a line: it may overhang by a column instead.
    if (/^[，。、；：！？）」』]+$/.test(tok) && line) {
      line += tok;
      continue;
    }
    if (displayWidth(indent + line + tok) > width && line.trim()) {
      lines.push(indent + line.trimEnd());
      line = '';
    }
    line += tok;
  }
  if (line.trim()) lines.push(indent + line.trimEnd());
  return lines;
}
