/** An action's status and whether it is overdue: icon and words, never colour alone. */
import type { ReactNode } from 'react';
import { actionStatusLabel } from '../../main/domain/actions';
import type { ActionStatus } from '../../main/domain/types';
import { CircleIcon, CrossIcon, HalfCircleIcon, TickIcon, WarningIcon } from './icons';

const icons: Record<ActionStatus, () => ReactNode> = {
  open: CircleIcon,
  in_progress: HalfCircleIcon,
  done: TickIcon,
  dropped: CrossIcon,
};

export function ActionStatusTag({ status }: { status: ActionStatus }): ReactNode {
  const StatusIcon = icons[status];
  return (
    <span className={`action-status action-status--${status.replace('_', '-')}`}>
      <StatusIcon />
      {actionStatusLabel[status]}
    </span>
  );
}

export function OverdueFlag(): ReactNode {
  return (
    <span className="overdue-flag">
      <WarningIcon />
      Overdue
    </span>
  );
}
