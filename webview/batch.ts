/**
 * Rectangles grouped by colour and filled as one path per colour, edges snapped to device pixels:
 * many small bars cost a few fills instead of one fillRect call each.
 */
export class RectBatch {
  private byColor = new Map<string, number[]>();

  /** Device pixels per CSS pixel: edges are snapped to whole device pixels (no anti-aliasing work). */
  dpr = 1;

  add(color: string, x: number, y: number, w: number, h: number): void {
    let a = this.byColor.get(color);
    if (!a) this.byColor.set(color, (a = []));
    const d = this.dpr;
    const x0 = Math.round(x * d) / d,
      x1 = Math.max(x0 + 1 / d, Math.round((x + w) * d) / d);
    a.push(x0, Math.round(y * d) / d, x1 - x0, Math.round(h * d) / d);
  }

  flush(ctx: CanvasRenderingContext2D): void {
    for (const [color, a] of this.byColor) {
      if (!a.length) continue;
      ctx.fillStyle = color;
      ctx.beginPath();
      for (let i = 0; i < a.length; i += 4) ctx.rect(a[i], a[i + 1], a[i + 2], a[i + 3]);
      ctx.fill();
      a.length = 0;
    }
  }
}
