/** Status against target as a tag: icon, words and colour together. */
import type { ReactNode } from 'react';
import type { Status } from '../../main/domain/types';
import { CrossIcon, DashIcon, TickIcon, WarningIcon } from './icons';
import { statusLabels } from './labels';

const icons: Record<Status, () => ReactNode> = {
  on_target: TickIcon,
  near_target: WarningIcon,
  off_target: CrossIcon,
  no_target: DashIcon,
};

export function StatusTag({ status }: { status: Status }): ReactNode {
  const StatusIcon = icons[status];
  return (
    <span className={`tag tag--${status.replace('_', '-')}`}>
      <StatusIcon />
      {statusLabels[status]}
    </span>
  );
}
