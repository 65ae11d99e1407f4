/** The canvas's backing store: as big as the part of the timeline on screen, never the whole. */

export class CanvasSizer {
  /** Sizes `canvas` to `w` × `h` CSS px at the device pixel ratio; returns its context. */
  size(canvas: HTMLCanvasElement, w: number, h: number): CanvasRenderingContext2D {
    const dpr = window.devicePixelRatio || 1;
    const bw = Math.round(w * dpr),
      bh = Math.max(1, Math.round(h * dpr));
    if (canvas.width !== bw || canvas.height !== bh) {
      canvas.width = bw;
      canvas.height = bh;
      canvas.style.setProperty('width', `${w}px`);
      canvas.style.setProperty('height', `${h}px`);
    }
    const ctx = canvas.getContext('2d', { alpha: false })!;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    return ctx;
  }

  /** The most CSS px of rows the scroll box shows at once (its max-height; the window without one). */
  scrollBoxHeight(box: HTMLElement): number {
    const max = parseFloat(getComputedStyle(box).maxHeight);
    return Math.max(1, Math.floor(Number.isFinite(max) ? max : window.innerHeight));
  }
}
