/**
 * How any page opens the drilldown (issue 17) without threading a callback through every
 * component between: the app provides it, the clinic table and the measure detail use it.
 */
import { createContext, useContext } from 'react';
import type { Period } from '../../main/domain/types';

export interface Drilldowns {
  /** The measures with figures by team. */
  measures: ReadonlySet<string>;
  open: (measure: string, period: Period) => void;
}

export const DrilldownContext = createContext<Drilldowns | null>(null);

export function useDrilldowns(): Drilldowns | null {
  return useContext(DrilldownContext);
}
