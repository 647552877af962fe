/**
 * Making Data Count's two icons as tags: variation (is something unusual happening?) and
 * assurance (will the target be met on the current process?). The icon carries MDC's colour and a
 * letter (main/domain/spc-badges.ts, shared with the minutes); the words beside it carry the
 * meaning, so nothing rests on colour alone.
 */
import type { ReactNode } from 'react';
import type { Assurance, Variation } from '../../main/domain/spc';
import { assuranceBadge, strokePath, variationBadge, type Badge } from '../../main/domain/spc-badges';
import { assuranceShortLabels, variationShortLabels } from './labels';

function BadgeIcon({ badge }: { badge: Badge }): ReactNode {
  return (
    <svg className="spc-badge" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false">
      <circle
        cx="10"
        cy="10"
        r="8.5"
        fill={badge.filled ? badge.colour : '#ffffff'}
        stroke={badge.colour}
        strokeWidth="2"
      />
      {badge.strokes.map((stroke, i) => (
        <path
          key={i}
          d={strokePath(stroke)}
          fill="none"
          stroke={badge.ink}
          strokeWidth="2"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      ))}
    </svg>
  );
}

export function VariationTag({ variation }: { variation: Variation }): ReactNode {
  return (
    <span className={`spc-tag spc-tag--${variation.split('_')[0]}`}>
      <BadgeIcon badge={variationBadge(variation)} />
      {variationShortLabels[variation]}
    </span>
  );
}

export function AssuranceTag({ assurance }: { assurance: Assurance }): ReactNode {
  return (
    <span className={`spc-tag spc-tag--${assurance}`}>
      <BadgeIcon badge={assuranceBadge(assurance)} />
      {assuranceShortLabels[assurance]}
    </span>
  );
}
