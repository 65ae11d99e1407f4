/** The Replay/Pause button and the Follow toggle, rewritten only when what they show changes. */
import type { Ui } from './ui';
import { tr } from './i18n';

export function showPlayState(ui: Ui, playing: boolean, follow: boolean): void {
  // Rewriting unchanged buttons would dirty the DOM, and the next frame would pay for a layout.
  const shown = `${playing}|${follow}`;
  const play = ui.play;
  if (play.dataset.shown === shown) return;
  play.dataset.shown = shown;
  const label = playing ? tr('pause') : tr('play');
  play.setAttribute('aria-label', label);
  play.title = label;
  play.lastElementChild!.textContent = label;
  play.firstElementChild!.className = `codicon codicon-${playing ? 'debug-pause' : 'play'}`;
  ui.follow.setAttribute('aria-pressed', String(follow));
}
