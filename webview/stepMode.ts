/**
 * Step mode in the timeline: the decision the run waits for, as a bar of buttons (one per runnable
 * process, with what it would do next; blocked processes greyed with why) and, in the panel, the
 * same buttons on each process's lane at the live edge. Digits choose, `n` takes the default, `r`
 * runs to the end, `u` undoes; `[` and `]` move the playhead between recorded steps, and "Fork
 * from step N" starts a new run from the playhead's step. All text goes in as text.
 */
import type { StepChoice } from '../src/protocol/host';
import type { StepPick, WebviewMessage } from '../src/protocol/webview';
import type { StepMark } from '../src/model/timeline';
import { clear, el } from './dom';
import { getLang, logText, procWord, tr } from './i18n';
import type { ViewController } from './viewController';

export class StepMode {
  #choice: StepChoice | undefined;

  constructor(private readonly app: ViewController) {
    document.addEventListener('keydown', (e) => {
      if (e.defaultPrevented || e.altKey || e.metaKey || e.ctrlKey) return;
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement) return;
      if (this.key(e.key)) e.preventDefault();
    });
  }

  get choice(): StepChoice | undefined {
    return this.#choice;
  }

  /** A host message: a decision opened or closed; a new run, its end or none shown closes it. */
  onMessage(msg: WebviewMessage): void {
    if (msg.type === 'choose') {
      if (msg.runId === this.app.run.runId) this.show(msg.choice);
    } else if (msg.type === 'load' || msg.type === 'ended' || msg.type === 'empty') {
      // `ended` for another run than the one shown leaves its decision alone.
      if (msg.type !== 'ended' || msg.runId === this.app.run.runId) this.show(undefined);
    }
  }

  /** After each frame: the lane buttons follow their lanes; fork follows the playhead. */
  afterFrame(): void {
    this.place();
    this.renderFork();
  }

  /** The decision now open (undefined: none). */
  show(choice: StepChoice | undefined): void {
    this.#choice = choice;
    this.render();
  }

  /** Answers the open decision; the bar goes at once (the host confirms by closing it). */
  answer(pick: StepPick, proc?: number): void {
    const choice = this.#choice;
    const runId = this.app.run.runId;
    if (!choice || !runId) return;
    if (pick === 'undo' && choice.step <= 1) return;
    const step = choice.step;
    this.app.bridge.post(
      proc === undefined
        ? { type: 'step', runId, step, pick }
        : { type: 'step', runId, step, pick, proc },
    );
    this.show(undefined);
  }

  key(key: string): boolean {
    if (key === '[' || key === ']') return this.moveToStep(key === '[' ? -1 : 1);
    const choice = this.#choice;
    if (!choice) return false;
    if (/^[1-9]$/.test(key)) {
      const r = choice.runnable[Number(key) - 1];
      if (r) this.answer('proc', r.proc);
      return !!r;
    }
    const picks: Record<string, StepPick> = { n: 'default', r: 'toEnd', u: 'undo' };
    if (!picks[key]) return false;
    this.answer(picks[key]);
    return true;
  }

  /** The playhead to the previous or next recorded decision. */
  moveToStep(dir: -1 | 1): boolean {
    const steps = this.app.model.steps;
    if (!steps.length) return false;
    const at = this.app.vp.playhead;
    const before = steps.filter((s) => s.t < at);
    const next = dir > 0 ? steps.find((s) => s.t > at) : before[before.length - 1];
    if (next) this.app.navigation.setPlayhead(next.t);
    return true;
  }

  /** The bar: the step, its buttons, the blocked processes, and default / to the end / undo. */
  render(): void {
    const ui = this.app.elements;
    clear(ui.stepBar);
    clear(ui.stepLanes);
    const choice = this.#choice;
    ui.stepBar.hidden = !choice;
    if (!choice) return;
    const head = el('div', { class: 'tl-step-head' });
    head.append(
      el('strong', {}, tr('stepTitle', { n: choice.step })),
      // One process can go on: nothing to choose among, so no "digits choose".
      el(
        'span',
        { class: 'tl-step-hint' },
        tr(choice.runnable.length === 1 ? 'stepHintOne' : 'stepHint'),
      ),
    );
    const list = el('div', {
      class: 'tl-step-list',
      role: 'group',
      'aria-label': tr('stepChoices'),
    });
    choice.runnable.forEach((r, i) => {
      const b = this.button(
        `${i + 1}`,
        procWord(r.name),
        logText(r.op),
        r.proc === choice.fallback,
      );
      b.dataset.proc = String(r.proc);
      b.addEventListener('click', () => this.answer('proc', r.proc));
      list.append(b);
    });
    // The blocked ones on a line of their own, greyed, each with why.
    const blocked = el('div', { class: 'tl-step-waiting' });
    if (choice.blocked.length) blocked.append(el('span', {}, tr('stepBlocked')));
    choice.blocked.forEach((b, i) => {
      if (i > 0) blocked.append(document.createTextNode(' · '));
      blocked.append(el('span', { class: 'tl-step-blocked' }, logText(b.reason)));
    });
    const actions = el('div', { class: 'tl-step-actions' });
    const act = (label: string, key: string, pick: StepPick, off = false) => {
      const b = el('button', { type: 'button', class: 'tl-btn tl-step-act', 'data-pick': pick });
      b.textContent = `${label} (${key})`;
      b.disabled = off;
      b.addEventListener('click', () => this.answer(pick));
      actions.append(b);
    };
    act(tr('stepDefault'), 'n', 'default');
    act(tr('stepToEnd'), 'r', 'toEnd');
    act(tr('stepUndo'), 'u', 'undo', choice.step <= 1);
    ui.stepBar.append(head, list, blocked, actions);
    if (this.app.mode !== 'compact') this.renderLanes(choice);
  }

  /** The same choices on the lanes (placed each frame by `place`). */
  private renderLanes(choice: StepChoice): void {
    const ui = this.app.elements;
    choice.runnable.forEach((r, i) => {
      const b = this.button(`${i + 1}`, '', logText(r.op), r.proc === choice.fallback);
      b.classList.add('tl-step-lane');
      b.dataset.proc = String(r.proc);
      b.addEventListener('click', () => this.answer('proc', r.proc));
      ui.stepLanes.append(b);
    });
    for (const b of choice.blocked) {
      const s = el('span', { class: 'tl-step-lane tl-step-blocked' }, logText(b.reason));
      s.dataset.proc = String(b.proc);
      ui.stepLanes.append(s);
    }
  }

  private button(n: string, name: string, op: string, fallback: boolean): HTMLButtonElement {
    const b = el('button', { type: 'button', class: 'tl-btn tl-step-choice' });
    if (fallback) b.classList.add('tl-step-default');
    b.append(el('kbd', {}, n));
    if (name) b.append(el('span', { class: 'tl-step-name' }, name));
    b.append(el('span', { class: 'tl-step-op' }, op));
    b.title = `${n}${tr('colon')}${name ? `${name} — ` : ''}${op}`;
    return b;
  }

  /** After a frame: each lane button on its lane's row, at the live edge (hidden off screen). */
  place(): void {
    const ui = this.app.elements;
    if (!ui.stepLanes.firstChild) return;
    const shown = this.app.rows;
    const canvasTop = ui.canvas.getBoundingClientRect().top - ui.wrap.getBoundingClientRect().top;
    const top = canvasTop + ui.wrap.scrollTop;
    const edge = shown.gutter + Math.min(this.app.vp.width, this.app.vp.x(this.app.tNow()));
    const right = shown.gutter + this.app.vp.width;
    for (const node of ui.stepLanes.children) {
      const e = node as HTMLElement;
      const row = shown.rows.find((r) => r.kind === 'lane' && r.proc === Number(e.dataset.proc));
      e.hidden = !row || row.y < shown.axis;
      if (e.hidden || !row) continue;
      const left = Math.max(shown.gutter + 2, Math.min(edge + 6, right - e.offsetWidth - 2));
      e.style.setProperty('top', `${top + row.y + (row.h - e.offsetHeight) / 2}px`);
      e.style.setProperty('left', `${left}px`);
    }
  }

  /** "Fork from step N" for a finished controlled run: N is the playhead's step. */
  renderFork(): void {
    const fork = this.app.elements.fork;
    const steps = this.app.model.steps;
    const can = steps.length > 0 && this.app.run.ended && this.app.mode !== 'standalone';
    fork.hidden = !can;
    if (!can) return;
    const n = stepsUpTo(steps, this.app.vp.playhead);
    const label = tr('forkHere', { n });
    if (fork.dataset.step === String(n) && fork.dataset.lang === getLang()) return;
    fork.dataset.step = String(n);
    fork.dataset.lang = getLang();
    fork.title = `${label}${tr('colon')}${tr('forkHint')}`;
    fork.setAttribute('aria-label', fork.title);
    fork.querySelector('.tl-btn-text')!.textContent = label;
  }

  fork(): void {
    const runId = this.app.run.runId;
    if (!runId || !this.app.model.steps.length) return;
    const step = stepsUpTo(this.app.model.steps, this.app.vp.playhead);
    this.app.bridge.post({ type: 'fork', runId, step });
  }
}

/** How many decisions were taken at or before `t`. */
export function stepsUpTo(steps: readonly StepMark[], t: number): number {
  let lo = 0,
    hi = steps.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (steps[mid].t <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
