/**
 * The clinic table's first frame draws only its first rows, then the rest below them: those first
 * rows must be the ones the whole table puts first, or rows would jump when the rest arrive.
 */
import { describe, expect, it } from 'vitest';
import type { ReportRow } from '../../main/domain/views';
import { firstRowsInOrder } from '../../renderer/src/table-first-rows';

// Only the key and the area decide the order; the rest of a row is not read.
const row = (key: string, area: string) => ({ key, area }) as unknown as ReportRow;
const keys = (rows: ReportRow[]) => rows.map((r) => r.key);

// Filtered rows in the report's order, which an area's rows need not follow one another in.
const rows = [row('v1', 'visits'), row('c1', 'cin'), row('v2', 'visits'), row('c2', 'cin'), row('p1', 'plans')];

describe('the rows the clinic table draws first', () => {
  it('are the first rows grouped by service area, in the areas’ order', () => {
    expect(keys(firstRowsInOrder(rows, ['cin', 'visits', 'plans'], false, 3))).toEqual(['c1', 'c2', 'v1']);
    expect(keys(firstRowsInOrder(rows, ['visits', 'cin', 'plans'], false, 3))).toEqual(['v1', 'v2', 'c1']);
  });

  it('put an area the order does not name after those it does', () => {
    expect(keys(firstRowsInOrder(rows, ['plans', 'cin'], false, 5))).toEqual(['p1', 'c1', 'c2', 'v1', 'v2']);
  });

  it('follow the rows as given in agenda order', () => {
    expect(keys(firstRowsInOrder(rows, ['cin', 'visits', 'plans'], true, 3))).toEqual(['v1', 'c1', 'v2']);
  });

  it('are every row when there are fewer than asked for', () => {
    expect(keys(firstRowsInOrder(rows, ['cin', 'visits', 'plans'], false, 50))).toEqual(['c1', 'c2', 'v1', 'v2', 'p1']);
    expect(firstRowsInOrder([], ['cin'], false, 6)).toEqual([]);
  });
});
