/**
 * How Making Data Count's icons look, as plain data: MDC's colour, filled or outlined, and the
 * strokes inside the circle, on a 20 × 20 grid. The window draws them as SVG, the minutes as SVG
 * (HTML, PDF) and as small PNGs (Word), so all three show the same icon. The words beside an icon
 * always carry its meaning; the icon never stands alone.
 */
import type { Assurance, Variation } from './spc';

export interface Badge {
  /** The circle's colour. */
  colour: string;
  /** A filled circle for a signal; an outline for common cause and hit and miss. */
  filled: boolean;
  /** The colour of the strokes inside. */
  ink: string;
  /** Polylines inside the circle, each a list of [x, y] points on the 20 × 20 grid. */
  strokes: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
}

/** MDC's colours (spc.md): common cause grey, improvement blue, concern orange, neutral purple. */
export const MDC_COLOURS = {
  grey: '#a6a6a6',
  blue: '#00b0f0',
  orange: '#e46c0a',
  purple: '#490092',
} as const;

const DARK = '#0b0c0c';
const WHITE = '#ffffff';
const GREY_INK = '#505a5f';

type Stroke = ReadonlyArray<readonly [number, number]>;

const LETTERS: Record<'H' | 'L' | 'P' | 'F', Stroke[]> = {
  H: [
    [
      [7, 5.5],
      [7, 14.5],
    ],
    [
      [13, 5.5],
      [13, 14.5],
    ],
    [
      [7, 10],
      [13, 10],
    ],
  ],
  L: [
    [
      [8, 5.5],
      [8, 14.5],
      [13, 14.5],
    ],
  ],
  // The bowl of the P as a few short straight strokes: close enough at icon size.
  P: [
    [
      [8, 14.5],
      [8, 5.5],
      [11.2, 5.5],
      [12.6, 6.1],
      [13.3, 7.8],
      [12.6, 9.5],
      [11.2, 10.1],
      [8, 10.1],
    ],
  ],
  F: [
    [
      [8, 14.5],
      [8, 5.5],
      [13, 5.5],
    ],
    [
      [8, 10],
      [12, 10],
    ],
  ],
};

/** A little line with a jump: nothing unusual. */
const COMMON_CAUSE: Stroke[] = [
  [
    [5, 10.5],
    [7.5, 10.5],
    [9, 7.5],
    [11, 13.5],
    [12.5, 10.5],
    [15, 10.5],
  ],
];

/** A wave across the target: sometimes met, sometimes missed. */
const HIT_AND_MISS: Stroke[] = [
  [
    [4.5, 10],
    [5.6, 8.2],
    [6.8, 7.8],
    [8, 8.6],
    [9, 10],
    [10, 11.4],
    [11.2, 12.2],
    [12.4, 11.8],
    [13.5, 10],
  ],
];

export function variationBadge(variation: Variation): Badge {
  if (variation === 'common_cause')
    return { colour: MDC_COLOURS.grey, filled: false, ink: GREY_INK, strokes: COMMON_CAUSE };
  const [kind, side] = variation.split('_') as ['improvement' | 'concern' | 'neutral', 'high' | 'low'];
  const colour =
    kind === 'improvement' ? MDC_COLOURS.blue : kind === 'concern' ? MDC_COLOURS.orange : MDC_COLOURS.purple;
  return {
    colour,
    filled: true,
    ink: kind === 'improvement' ? DARK : WHITE,
    strokes: LETTERS[side === 'high' ? 'H' : 'L'],
  };
}

export function assuranceBadge(assurance: Assurance): Badge {
  switch (assurance) {
    case 'pass':
      return { colour: MDC_COLOURS.blue, filled: true, ink: DARK, strokes: LETTERS.P };
    case 'fail':
      return { colour: MDC_COLOURS.orange, filled: true, ink: WHITE, strokes: LETTERS.F };
    case 'hit_and_miss':
      return { colour: MDC_COLOURS.grey, filled: false, ink: GREY_INK, strokes: HIT_AND_MISS };
  }
}

/** A stroke as an SVG path's `d`. */
export function strokePath(stroke: Stroke): string {
  return stroke.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x} ${y}`).join(' ');
}

/** The badge as a standalone SVG element, for HTML. `size` in CSS pixels. */
export function badgeSvg(badge: Badge, size = 20): string {
  const paths = badge.strokes
    .map(
      (s) =>
        `<path d="${strokePath(s)}" fill="none" stroke="${badge.ink}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>`,
    )
    .join('');
  return `<svg class="badge" viewBox="0 0 20 20" width="${size}" height="${size}" aria-hidden="true" focusable="false"><circle cx="10" cy="10" r="8.5" fill="${badge.filled ? badge.colour : WHITE}" stroke="${badge.colour}" stroke-width="2"/>${paths}</svg>`;
}
