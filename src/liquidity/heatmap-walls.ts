import { FEEDS } from '../venues/types';
import type { HeatmapContext, HeatmapFrame } from './heatmap-render';
import type { HeatmapTheme } from './heatmap-palette';
import type { Wall } from './types';

/** Where a wall is drawn on the heat, in device pixels: its row, the span of time it stood, and its label. */
export interface WallMark {
  readonly y: number;
  readonly x0: number;
  readonly x1: number;
  readonly label: string;
  readonly wall: Wall;
}

/** "OKX 47", "OKX SWAP 12.5 pulled": the venue and size (base units, three significant digits at most). */
export function wallLabel(wall: Wall): string {
  const size = Number(wall.size.toPrecision(3)).toString();
  return `${FEEDS[wall.feed].label} ${size}${wall.state === 'standing' ? '' : ` ${wall.state}`}`;
}

/**
 * The walls of `walls` the frame shows: each at its price's row, from when it was first seen (or the heat's left
 * edge) to when it ended (or now, the right edge). Walls outside the price span or before the time span are left out.
 */
export function wallMarks(frame: HeatmapFrame, walls: readonly Wall[]): WallMark[] {
  const { plot, t0, t1, low, high } = frame;
  const out: WallMark[] = [];
  for (const wall of walls) {
    if (wall.price < low || wall.price > high) continue;
    const end = wall.endedAt ?? t1;
    if (end < t0 || wall.since > t1) continue;
    const x = (t: number): number => plot.x + ((Math.min(t1, Math.max(t0, t)) - t0) / (t1 - t0)) * plot.w;
    out.push({ y: Math.round(plot.y + ((high - wall.price) / (high - low)) * plot.h), x0: x(wall.since), x1: x(end), label: wallLabel(wall), wall });
  }
  return out;
}

/** Labels drawn at most: a busy book stands dozens of walls, and their names would cover the heat. */
export const MAX_WALL_LABELS = 12;

/**
 * The marks that get a label: the largest walls against their neighbourhood first, each only where its label does
 * not run into one already placed (`lineHeight` device pixels a label), at most MAX_WALL_LABELS.
 */
export function labelled(marks: readonly WallMark[], lineHeight: number): Set<WallMark> {
  const out = new Set<WallMark>();
  for (const m of [...marks].sort((a, b) => b.wall.ratio - a.wall.ratio)) {
    if (out.size >= MAX_WALL_LABELS) break;
    if ([...out].some((o) => Math.abs(o.y - m.y) < lineHeight)) continue;
    out.add(m);
  }
  return out;
}

/**
 * Draws each wall as a line along its row for as long as it stood, with its venue and size at the line's end for
 * the largest of them (`labelled`); a pulled one dotted (its size was never there to trade), a filled one
 * short-dashed. The label sits over a halo so it reads on any colour of the heat.
 */
export function drawWalls(ctx: HeatmapContext, frame: HeatmapFrame, walls: readonly Wall[], theme: HeatmapTheme): void {
  const marks = wallMarks(frame, walls);
  if (!marks.length) return;
  const dpr = frame.dpr;
  const named = labelled(marks, 13 * dpr);
  ctx.save();
  ctx.beginPath();
  ctx.rect(frame.plot.x, frame.plot.y, frame.plot.w, frame.plot.h);
  ctx.clip();
  ctx.textAlign = 'right';
  ctx.textBaseline = 'bottom';
  for (const { y, x0, x1, wall } of marks) {
    const colour = wall.side === 'bid' ? theme.bid : theme.ask;
    ctx.strokeStyle = theme.halo;
    ctx.lineWidth = 4 * dpr;
    segments(ctx, x0, x1, y, wall.state, dpr);
    ctx.strokeStyle = colour;
    ctx.lineWidth = 2 * dpr;
    segments(ctx, x0, x1, y, wall.state, dpr);
  }
  for (const { y, x1, label, wall } of named) {
    const colour = wall.side === 'bid' ? theme.bid : theme.ask;
    ctx.fillStyle = theme.halo;
    ctx.fillText(label, x1 - 2 * dpr + dpr, y - 2 * dpr + dpr);
    ctx.fillStyle = colour;
    ctx.fillText(label, x1 - 2 * dpr, y - 2 * dpr);
  }
  ctx.restore();
}

/** The line of a wall from x0 to x1 at y: whole while it stands, dashes once it ended (long pulled, short filled). */
function segments(ctx: HeatmapContext, x0: number, x1: number, y: number, state: Wall['state'], dpr: number): void {
  ctx.beginPath();
  if (state === 'standing') {
    ctx.moveTo(x0, y);
    ctx.lineTo(x1, y);
  } else {
    const on = (state === 'pulled' ? 2 : 6) * dpr;
    const period = on + 4 * dpr;
    for (let x = x0; x < x1; x += period) {
      ctx.moveTo(x, y);
      ctx.lineTo(Math.min(x1, x + on), y);
    }
  }
  ctx.stroke();
}
