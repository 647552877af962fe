/**
 * Small line icons drawn inline, so meaning never rests on colour alone. Each is decorative: the
 * words beside it carry the meaning for screen readers.
 */
import type { ReactNode } from 'react';

function Icon({ children, className }: { children: ReactNode; className?: string }): ReactNode {
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      viewBox="0 0 16 16"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

const stroke = {
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 2.2,
  strokeLinecap: 'round',
  strokeLinejoin: 'round',
} as const;

export const TickIcon = () => (
  <Icon>
    <path d="M3 8.5 6.5 12 13 4.5" {...stroke} />
  </Icon>
);

export const CrossIcon = () => (
  <Icon>
    <path d="M4 4l8 8M12 4l-8 8" {...stroke} />
  </Icon>
);

export const WarningIcon = () => (
  <Icon>
    <path d="M8 2 14.5 13.5h-13z" {...stroke} strokeWidth={1.8} />
    <path d="M8 6.5v3.2M8 11.8v.1" {...stroke} strokeWidth={1.8} />
  </Icon>
);

export const DashIcon = () => (
  <Icon>
    <path d="M4 8h8" {...stroke} />
  </Icon>
);

export const ArrowUpIcon = () => (
  <Icon>
    <path d="M8 13.5V3M3.5 7.5 8 3l4.5 4.5" {...stroke} />
  </Icon>
);

export const ArrowDownIcon = () => (
  <Icon>
    <path d="M8 2.5V13M3.5 8.5 8 13l4.5-4.5" {...stroke} />
  </Icon>
);

export const EqualsIcon = () => (
  <Icon>
    <path d="M3.5 6h9M3.5 10.5h9" {...stroke} />
  </Icon>
);

export const CloseIcon = () => (
  <Icon>
    <path d="M3.5 3.5l9 9M12.5 3.5l-9 9" {...stroke} />
  </Icon>
);

export const CircleIcon = () => (
  <Icon>
    <circle cx="8" cy="8" r="5.5" {...stroke} strokeWidth={2} />
  </Icon>
);

export const HalfCircleIcon = () => (
  <Icon>
    <circle cx="8" cy="8" r="5.5" {...stroke} strokeWidth={2} />
    <path d="M8 2.5a5.5 5.5 0 0 1 0 11z" fill="currentColor" />
  </Icon>
);

export const NoteIcon = () => (
  <Icon>
    <path d="M3.5 2.5h6l3 3v8h-9z" {...stroke} strokeWidth={1.6} />
    <path d="M5.5 8h5M5.5 10.5h5" {...stroke} strokeWidth={1.6} />
  </Icon>
);

export const PlusIcon = () => (
  <Icon>
    <path d="M8 3v10M3 8h10" {...stroke} />
  </Icon>
);

export const ChevronRightIcon = () => (
  <Icon>
    <path d="M6 3.5 10.5 8 6 12.5" {...stroke} />
  </Icon>
);

export const ChevronDownIcon = () => (
  <Icon>
    <path d="M3.5 6 8 10.5 12.5 6" {...stroke} />
  </Icon>
);

export const LockIcon = () => (
  <Icon>
    <rect x="3" y="7" width="10" height="7" {...stroke} strokeWidth={1.8} />
    <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" {...stroke} strokeWidth={1.8} />
  </Icon>
);
