/** Canvas colours, read from CSS variables (VS Code theme or the standalone defaults) and refreshed on theme change. */
import { setPixelBackdrop } from './pixels';

const NAMES = [
  'bg',
  'fg',
  'muted',
  'grid',
  'running',
  'sleeping',
  'lockWait',
  'putWait',
  'getWait',
  'joinWait',
  'queueJoinWait',
  'exited',
  'starting',
  'hold',
  'hold2',
  'bad',
  'good',
  'item',
  'itemText',
  'none',
  'link',
  'playhead',
  'rowAlt',
  'border',
] as const;
export type ColorName = (typeof NAMES)[number];
export interface Theme {
  c: Record<ColorName, string>;
  font: string;
  fontSize: number;
  highContrast: boolean;
}

function cssVar(style: CSSStyleDeclaration, name: string): string {
  return style.getPropertyValue(name).trim();
}

export function readTheme(): Theme {
  const style = getComputedStyle(document.body);
  const c = {} as Record<ColorName, string>;
  for (const n of NAMES) c[n] = cssVar(style, `--tl-${n}`) || '#888';
  setPixelBackdrop(c.bg);
  const family = cssVar(style, '--vscode-font-family') || 'system-ui, sans-serif';
  const size = parseFloat(cssVar(style, '--vscode-font-size')) || 13;
  const cls = document.body.classList;
  return {
    c,
    font: family,
    fontSize: Math.max(11, Math.min(14, size - 1)),
    highContrast:
      cls.contains('vscode-high-contrast') || cls.contains('vscode-high-contrast-light'),
  };
}

/** Calls `onChange` when VS Code switches theme (body class) or the colour variables change (html style). */
export function watchTheme(onChange: () => void): void {
  const mo = new MutationObserver(() => onChange());
  mo.observe(document.body, { attributes: true, attributeFilter: ['class', 'style'] });
  mo.observe(document.documentElement, { attributes: true, attributeFilter: ['class', 'style'] });
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', onChange);
}
