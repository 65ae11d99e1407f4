/** Pointer, wheel and keyboard: pan, zoom, scrub the playhead, hover and select. */
import type { ViewController } from './viewController';

export function wireInput(app: ViewController): void {
  const ui = app.elements;
  const { canvas } = ui;
  let drag: { x: number; t0: number; moved: boolean; scrub: boolean } | undefined;
  const local = (e: { clientX: number; clientY: number }) => {
    const r = canvas.getBoundingClientRect();
    return { x: e.clientX - r.left - app.rows.gutter, y: e.clientY - r.top };
  };
  canvas.addEventListener(
    'wheel',
    (e) => {
      e.preventDefault();
      const { x } = local(e);
      if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY))
        app.navigation.panBy(e.shiftKey ? e.deltaY : e.deltaX);
      else app.navigation.zoomBy(Math.exp(-e.deltaY * (e.ctrlKey ? 0.01 : 0.002)), x); // ctrlKey: pinch on a trackpad
    },
    { passive: false },
  );
  canvas.addEventListener('pointerdown', (e) => {
    const { x, y } = local(e);
    if (x < 0) return;
    canvas.setPointerCapture(e.pointerId);
    drag = { x: e.clientX, t0: app.vp.t0, moved: false, scrub: y < app.rows.axis };
    if (drag.scrub) app.navigation.setPlayhead(app.vp.t(x));
  });
  canvas.addEventListener('pointermove', (e) => {
    const { x, y } = local(e);
    if (drag) {
      if (Math.abs(e.clientX - drag.x) > 3) drag.moved = true;
      if (drag.scrub) app.navigation.setPlayhead(app.vp.t(x));
      else if (drag.moved) app.navigation.panTo(drag.t0 - (e.clientX - drag.x) * app.vp.usPerPx);
      return;
    }
    app.selection.hover(
      x,
      y,
      e.clientX - canvas.getBoundingClientRect().left,
      e.clientY - ui.wrap.getBoundingClientRect().top + ui.wrap.scrollTop,
    );
  });
  canvas.addEventListener('pointerup', (e) => {
    const { x, y } = local(e);
    if (drag && !drag.moved && !drag.scrub && x >= 0) app.selection.select(x, y);
    drag = undefined;
  });
  canvas.addEventListener('pointerleave', () => app.selection.hover(-1, -1, 0, 0));
  ui.root.addEventListener('keydown', (e) => {
    if (e.target instanceof HTMLSelectElement || e.altKey || e.metaKey) return;
    const big = e.shiftKey ? 0.5 : 0.1;
    const handled = (() => {
      switch (e.key) {
        case '+':
        case '=':
          app.navigation.zoomBy(1.5);
          return true;
        case '-':
        case '_':
          app.navigation.zoomBy(1 / 1.5);
          return true;
        case 'ArrowLeft':
          if (e.target !== canvas) return false;
          app.navigation.panBy(-app.vp.width * big);
          return true;
        case 'ArrowRight':
          if (e.target !== canvas) return false;
          app.navigation.panBy(app.vp.width * big);
          return true;
        case 'Home':
          app.navigation.panTo(app.vp.tStart);
          return true;
        case 'End':
          app.navigation.panTo(app.tNow() - app.vp.width * app.vp.usPerPx * 0.9);
          return true;
        case 'f':
        case 'F':
          app.navigation.fitAll();
          return true;
        case 'l':
        case 'L':
          app.navigation.setFollow(!app.vp.follow);
          return true;
        case ' ':
          if (e.target !== canvas) return false;
          app.navigation.togglePlay();
          return true;
        case ',':
          app.navigation.stepPlayhead(-1);
          return true;
        case 'Enter':
          return e.target === canvas && app.selection.revealSelection();
        case '.':
          app.navigation.stepPlayhead(1);
          return true;
        default:
          return false;
      }
    })();
    if (handled) e.preventDefault();
  });
  ui.follow.addEventListener('click', () => app.navigation.setFollow(!app.vp.follow));
  ui.play.addEventListener('click', () => app.navigation.togglePlay());
  ui.zoomIn.addEventListener('click', () => app.navigation.zoomBy(1.5));
  ui.zoomOut.addEventListener('click', () => app.navigation.zoomBy(1 / 1.5));
  ui.fit.addEventListener('click', () => app.navigation.fitAll());
  ui.fork.addEventListener('click', () => app.steps.fork());
  ui.speed.addEventListener('change', () => app.navigation.setReplaySpeed(Number(ui.speed.value)));
  ui.stats.addEventListener('toggle', () => app.renderStatsIfOpen());
  new ResizeObserver(() => app.schedule()).observe(ui.wrap);
  // Only the rows on screen are drawn: a scroll draws the ones it brings in.
  ui.wrap.addEventListener('scroll', () => app.schedule(), { passive: true });
}
