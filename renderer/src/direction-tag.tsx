/**
 * Whether the change is good news. The arrow shows which way the figure moved; the words say
 * whether that is better or worse for this measure.
 */
import type { ReactNode } from 'react';
import type { Change, Direction } from '../../main/domain/types';
import { ArrowDownIcon, ArrowUpIcon, DashIcon, EqualsIcon } from './icons';
import { directionLabels } from './labels';

function MovementIcon({ change }: { change: Change | null }): ReactNode {
  if (change === null) return <DashIcon />;
  if (change.absolute > 0) return <ArrowUpIcon />;
  if (change.absolute < 0) return <ArrowDownIcon />;
  return <EqualsIcon />;
}

export function DirectionTag({ direction, change }: { direction: Direction; change: Change | null }): ReactNode {
  return (
    <span className={`direction direction--${direction.replace('_', '-')}`}>
      <MovementIcon change={change} />
      {directionLabels[direction]}
    </span>
  );
}
