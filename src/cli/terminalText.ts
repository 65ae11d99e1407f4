/**
 * Text a lab controls (what it prints, process and object names, error messages, values) is shown
 * in a terminal only as plain text: escape sequences could retitle the terminal, clear it, plant
 * OSC 8 hyperlinks or leave it blinking. Stripped: CSI and OSC sequences (7-bit and 8-bit forms),
 * DCS/SOS/PM/APC strings, other ESC sequences, and every C0/C1 control except newline and tab.
 */
import type { LabEvent } from '../protocol/events';

const SEQUENCES = new RegExp(
  [
    // CSI: ESC [ or 0x9b, parameters and intermediates, one final byte.
    '(?:\\x1b\\[|\\x9b)[\\x20-\\x3f]*[\\x40-\\x7e]?',
    // OSC, DCS, SOS, PM, APC: up to BEL or ST (ESC \ or 0x9c), or to the end when unterminated.
    '(?:\\x1b[\\]PX^_]|[\\x9d\\x90\\x98\\x9e\\x9f])[\\s\\S]*?(?:\\x07|\\x1b\\\\|\\x9c|$)',
    // Any other escape: ESC, intermediates, one final byte.
    '\\x1b[\\x20-\\x2f]*[\\x30-\\x7e]?',
    // Remaining controls: C0 but tab and newline, DEL, C1.
    '[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f]',
  ].join('|'),
  'g',
);

/** `text` without escape sequences or control characters (newline and tab are kept). */
export function plainText(text: string): string {
  SEQUENCES.lastIndex = 0;
  return SEQUENCES.test(text) ? text.replace(SEQUENCES, '') : text;
}

/** `v` with every string in it made plain; the same value when there was nothing to strip. */
function plainValue(v: unknown): unknown {
  if (typeof v === 'string') return plainText(v);
  if (Array.isArray(v)) {
    const items = v.map(plainValue);
    return items.some((x, i) => x !== v[i]) ? items : v;
  }
  if (v && typeof v === 'object') {
    let out: Record<string, unknown> | null = null;
    for (const [k, x] of Object.entries(v)) {
      const y = plainValue(x);
      if (y !== x) (out ??= { ...(v as Record<string, unknown>) })[k] = y;
    }
    return out ?? v;
  }
  return v;
}

/** `e` with every string in it made plain (the same object when it had nothing to strip). */
export function terminalSafeEvent(e: LabEvent): LabEvent {
  return plainValue(e) as LabEvent;
}
