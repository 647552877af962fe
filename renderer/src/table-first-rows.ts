/**
 * The rows the clinic table draws in its first frame, before the rest: the first rows in the order
 * the table shows them before any sort, so that the rest, drawn just after, go below them and
 * nothing on screen moves. Only these rows go to TanStack Table for that frame: building its row
 * objects for all 500 measures costs about as much as drawing the frame.
 */
import type { ReportRow } from '../../main/domain/views';

/**
 * The first `count` rows by service area, `areaOrder` first (areas not in it after, in the order
 * they first appear), each area's rows in the order given; in agenda mode, simply the first
 * `count`, since the rows come in agenda order.
 */
export function firstRowsInOrder(
  rows: readonly ReportRow[],
  areaOrder: readonly string[],
  agenda: boolean,
  count: number,
): ReportRow[] {
  if (agenda) return rows.slice(0, count);
  const known = new Set(areaOrder);
  const areas = [...areaOrder, ...new Set(rows.map((r) => r.area).filter((area) => !known.has(area)))];
  const first: ReportRow[] = [];
  for (const area of areas) {
    for (const row of rows) {
      if (first.length === count) return first;
      if (row.area === area) first.push(row);
    }
  }
  return first;
}
