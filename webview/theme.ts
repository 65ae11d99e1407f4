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
  'syncWait',
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
  'race',
  'print',
  'preempt',
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

/** Each colour variable as the colour it computes to (color-mix and nested var() resolved). */
function resolveColours(): Record<ColorName, string> {
  const probe = document.createElement('span');
  probe.hidden = true;
  document.body.append(probe);
  const c = {} as Record<ColorName, string>;
  for (const n of NAMES) {
    probe.style.setProperty('color', `var(--tl-${n}, #888)`);
    c[n] = getComputedStyle(probe).color || '#888';
  }
  probe.remove();
  return c;
}

/** Black or white, whichever reads better on `css` (an rgb() colour as computed styles give). */
export function textOn(css: string): string {
  const [r, g, b] = (css.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map(Number);
  const lin = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  const lum = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  // Above this luminance black has the higher contrast ratio (WCAG), below it white.
  return lum > 0.179 ? '#000000' : '#ffffff';
}

export function readTheme(): Theme {
  const style = getComputedStyle(document.body);
  const c = resolveColours();
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
