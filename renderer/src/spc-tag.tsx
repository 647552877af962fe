/**
 * Making Data Count's two icons as tags: variation (is something unusual happening?) and
 * assurance (will the target be met on the current process?). The icon carries MDC's colour and a
 * letter; the words beside it carry the meaning, so nothing rests on colour alone.
 */
import type { ReactNode } from 'react';
import type { Assurance, Variation } from '../../main/domain/spc';
import { assuranceShortLabels, variationShortLabels } from './labels';

/** MDC's colours (spc.md): common cause grey, improvement blue, concern orange, neutral purple. */
const MDC = { grey: '#a6a6a6', blue: '#00b0f0', orange: '#e46c0a', purple: '#490092' } as const;

function Badge({ colour, filled, children }: { colour: string; filled: boolean; children: ReactNode }): ReactNode {
  return (
    <svg className="spc-badge" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false">
      <circle cx="10" cy="10" r="8.5" fill={filled ? colour : '#ffffff'} stroke={colour} strokeWidth="2" />
      {children}
    </svg>
  );
}

/** Letters drawn as strokes, not SVG text, so copying the table copies the words alone. */
const letters = {
  H: 'M7 5.5v9M13 5.5v9M7 10h6',
  L: 'M8 5.5v9h5',
  P: 'M8 14.5v-9h3.2a2.3 2.3 0 0 1 0 4.6H8',
  F: 'M8 14.5v-9h5M8 10h4',
} as const;

function Letter({ text, colour }: { text: keyof typeof letters; colour: string }): ReactNode {
  return (
    <path d={letters[text]} fill="none" stroke={colour} strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
  );
}

export function VariationIcon({ variation }: { variation: Variation }): ReactNode {
  if (variation === 'common_cause') {
    return (
      <Badge colour={MDC.grey} filled={false}>
        <path
          d="M5 10.5h2.5l1.5-3 2 6 1.5-3H15"
          fill="none"
          stroke="#505a5f"
          strokeWidth="1.6"
          strokeLinejoin="round"
        />
      </Badge>
    );
  }
  const [kind, side] = variation.split('_') as ['improvement' | 'concern' | 'neutral', 'high' | 'low'];
  const colour = kind === 'improvement' ? MDC.blue : kind === 'concern' ? MDC.orange : MDC.purple;
  return (
    <Badge colour={colour} filled>
      <Letter text={side === 'high' ? 'H' : 'L'} colour={kind === 'improvement' ? '#0b0c0c' : '#ffffff'} />
    </Badge>
  );
}

export function AssuranceIcon({ assurance }: { assurance: Assurance }): ReactNode {
  switch (assurance) {
    case 'pass':
      return (
        <Badge colour={MDC.blue} filled>
          <Letter text="P" colour="#0b0c0c" />
        </Badge>
      );
    case 'fail':
      return (
        <Badge colour={MDC.orange} filled>
          <Letter text="F" colour="#ffffff" />
        </Badge>
      );
    case 'hit_and_miss':
      return (
        <Badge colour={MDC.grey} filled={false}>
          <path d="M4.5 10c1.5-3 3-3 4.5 0s3 3 4.5 0" fill="none" stroke="#505a5f" strokeWidth="1.8" />
        </Badge>
      );
  }
}

export function VariationTag({ variation }: { variation: Variation }): ReactNode {
  return (
    <span className={`spc-tag spc-tag--${variation.split('_')[0]}`}>
      <VariationIcon variation={variation} />
      {variationShortLabels[variation]}
    </span>
  );
}

export function AssuranceTag({ assurance }: { assurance: Assurance }): ReactNode {
  return (
    <span className={`spc-tag spc-tag--${assurance === 'fail' ? 'fail' : assurance}`}>
      <AssuranceIcon assurance={assurance} />
      {assuranceShortLabels[assurance]}
    </span>
  );
}
