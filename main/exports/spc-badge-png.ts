/**
 * A Making Data Count icon as a small PNG for the Word minutes, drawn from the same geometry as
 * the window's and the PDF's SVG (main/domain/spc-badges.ts). Each pixel is sampled 4 × 4 times
 * so the circle and strokes have smooth edges. Transparent outside the circle.
 */
import { PNG } from 'pngjs';
import type { Badge } from '../domain/spc-badges';

const SAMPLES = 4;
const RADIUS = 8.5;
const RING = 1;
const STROKE = 1;

function rgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Distance from (x, y) to the segment from a to b. */
function toSegment(x: number, y: number, a: readonly [number, number], b: readonly [number, number]): number {
  const [ax, ay] = a;
  const dx = b[0] - ax;
  const dy = b[1] - ay;
  const length = dx * dx + dy * dy;
  const t = length === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / length));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

/** The colour at a point on the 20 × 20 grid, or null outside the icon. */
function colourAt(badge: Badge, x: number, y: number): [number, number, number] | null {
  const r = Math.hypot(x - 10, y - 10);
  if (r > RADIUS + RING) return null;
  for (const stroke of badge.strokes) {
    for (let i = 1; i < stroke.length; i++) {
      if (toSegment(x, y, stroke[i - 1]!, stroke[i]!) <= STROKE) return rgb(badge.ink);
    }
  }
  if (r >= RADIUS - RING) return rgb(badge.colour);
  return badge.filled ? rgb(badge.colour) : [255, 255, 255];
}

export function badgePng(badge: Badge, size = 40): Uint8Array {
  const png = new PNG({ width: size, height: size });
  const scale = 20 / size;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const colour = colourAt(badge, (px + (sx + 0.5) / SAMPLES) * scale, (py + (sy + 0.5) / SAMPLES) * scale);
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          covered++;
        }
      }
      const at = (py * size + px) * 4;
      if (covered > 0) {
        png.data[at] = Math.round(r / covered);
        png.data[at + 1] = Math.round(g / covered);
        png.data[at + 2] = Math.round(b / covered);
      }
      png.data[at + 3] = Math.round((255 * covered) / (SAMPLES * SAMPLES));
    }
  }
  return new Uint8Array(PNG.sync.write(png));
}
