/**
 * A 2D context for the heatmap's tests: the heat lands in a real RGBA buffer (as ImageData would hold it), and
 * every text, stroked path and filled circle is kept with where it was drawn.
 */
import type { HeatmapContext } from '../../../src/liquidity/heatmap-render';

export interface DrawnText {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly align: CanvasTextAlign;
}

export interface DrawnPath {
  readonly style: string;
  readonly points: readonly (readonly [number, number])[][];
}

export interface DrawnCircle {
  readonly fill: string;
  readonly edge: string;
  readonly x: number;
  readonly y: number;
  readonly r: number;
}

export class RecordingContext implements HeatmapContext {
  fillStyle: string | CanvasGradient | CanvasPattern = '';
  strokeStyle: string | CanvasGradient | CanvasPattern = '';
  lineWidth = 1;
  font = '';
  textAlign: CanvasTextAlign = 'start';
  textBaseline: CanvasTextBaseline = 'alphabetic';
  readonly texts: DrawnText[] = [];
  readonly paths: DrawnPath[] = [];
  readonly fills: { style: string; x: number; y: number; w: number; h: number }[] = [];
  /** Circles filled, in the order drawn, with the stroke style set when they were filled. */
  readonly circles: DrawnCircle[] = [];
  /** The last image put, and where. */
  image: { data: Uint8ClampedArray; width: number; height: number; x: number; y: number } | undefined;
  private current: [number, number][][] = [];
  private arcs: [number, number, number][] = [];

  fillRect(x: number, y: number, w: number, h: number): void {
    this.fills.push({ style: String(this.fillStyle), x, y, w, h });
  }

  fillText(text: string, x: number, y: number): void {
    this.texts.push({ text, x, y, align: this.textAlign });
  }

  beginPath(): void {
    this.current = [];
    this.arcs = [];
  }

  /** Whole circles only: the heatmap draws no other arc. */
  arc(x: number, y: number, r: number, start: number, end: number): void {
    if (start !== 0 || end !== 2 * Math.PI) throw new Error(`an arc from ${start} to ${end}`);
    this.arcs.push([x, y, r]);
  }

  fill(): void {
    for (const [x, y, r] of this.arcs) this.circles.push({ fill: String(this.fillStyle), edge: String(this.strokeStyle), x, y, r });
  }

  moveTo(x: number, y: number): void {
    this.current.push([[x, y]]);
  }

  lineTo(x: number, y: number): void {
    this.current.at(-1)!.push([x, y]);
  }

  stroke(): void {
    this.paths.push({ style: String(this.strokeStyle), points: this.current });
  }

  save(): void {}
  restore(): void {}
  rect(): void {}
  clip(): void {}

  createImageData(width: number | ImageData, height?: number): ImageData {
    const w = typeof width === 'number' ? width : width.width;
    const h = typeof width === 'number' ? height! : width.height;
    return { width: w, height: h, data: new Uint8ClampedArray(w * h * 4), colorSpace: 'srgb' } as ImageData;
  }

  putImageData(image: ImageData, x: number, y: number): void {
    this.image = { data: image.data, width: image.width, height: image.height, x, y };
  }

  /** The pixel at (x, y) of the last image put, as the canvas's bytes read as a little-endian word. */
  pixel(x: number, y: number): number {
    const { data, width } = this.image!;
    const k = (y * width + x) * 4;
    return (data[k]! | (data[k + 1]! << 8) | (data[k + 2]! << 16) | (data[k + 3]! << 24)) >>> 0;
  }
}
