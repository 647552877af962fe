import { describe, expect, it } from 'vitest';
import {
  assignReferences,
  figureFromImports,
  foldRow,
  keptTextState,
  noteState,
  type ChangeRecord,
} from '../../main/domain/merge';

const c = (id: string, field: string, value: unknown, author = 'A'): ChangeRecord => ({
  id,
  author,
  field,
  value: JSON.stringify(value),
});

describe('merge rules', () => {
  it('a row: the later change wins field by field, in any order; a delete removes it; a later create brings it back', () => {
    const changes = [
      c('1', '*', { title: 'One', sort_order: 1 }),
      c('3', 'title', 'Three'),
      c('2', 'title', 'Two'),
      c('2', 'sort_order', 5),
    ];
    expect(foldRow(changes, null)).toEqual({ exists: true, values: { title: 'Three', sort_order: 5 } });
    expect(foldRow([...changes].reverse(), null)).toEqual(foldRow(changes, null));
    expect(foldRow([...changes, c('4', '_deleted', true)], null).exists).toBe(false);
    expect(
      foldRow([...changes, c('4', '_deleted', true), c('5', '*', { title: 'Again', sort_order: 0 })], null),
    ).toEqual({
      exists: true,
      values: { title: 'Again', sort_order: 0 },
    });
    // The baseline stands for fields no change names.
    expect(foldRow([c('3', 'title', 'New')], { title: 'Old', sort_order: 2 }).values).toEqual({
      title: 'New',
      sort_order: 2,
    });
  });

  it('a note: edits made apart are both kept, the later current; a text written over both settles it', () => {
    const base = c('1', 'text', { t: 'Start', b: [] }, 'Jane');
    const office = c('2', 'text', { t: 'Office', b: ['1'] }, 'Jane');
    const laptop = c('3', 'text', { t: 'Laptop', b: ['1'] }, 'Priya');
    expect(noteState([base, office, laptop])).toMatchObject({
      exists: true,
      text: 'Laptop',
      author: 'Priya',
      also: [{ change: '2', text: 'Office', by: 'Jane' }],
    });
    expect(noteState([laptop, base, office])).toEqual(noteState([base, office, laptop]));
    const settled = c('4', 'text', { t: 'Both', b: ['3', '2'] });
    expect(noteState([base, office, laptop, settled])).toMatchObject({ text: 'Both', also: [] });
  });

  it('a note: a delete wins only over the texts it saw', () => {
    const base = c('1', 'text', { t: 'Start', b: [] });
    expect(noteState([base, c('2', '_deleted', { b: ['1'] })])?.exists).toBe(false);
    const edit = c('2', 'text', { t: 'Edited apart', b: ['1'] });
    expect(noteState([base, edit, c('3', '_deleted', { b: ['1'] })])).toMatchObject({
      exists: true,
      text: 'Edited apart',
    });
  });

  it('a report text: schema 9’s changes (no bases) follow one another, later wins; texts written apart after them are both kept', () => {
    const created = c('1', '*', { text: 'Drafted over', figure: '781' }, 'Jane');
    const edited = c('2', 'text', 'Edited at schema 9', 'Jane');
    expect(keptTextState([edited, created])).toMatchObject({ text: 'Edited at schema 9', also: [] });
    const office = c('3', 'text', { t: 'Office', b: ['2'] }, 'Jane');
    const laptop = c('4', 'text', { t: 'Laptop', b: ['2'] }, 'Priya');
    expect(keptTextState([created, edited, laptop, office])).toMatchObject({
      text: 'Laptop',
      also: [{ change: '3', text: 'Office', by: 'Jane' }],
    });
    // A row made at schema 12: its '*' holds no text, and the first text names no base.
    expect(keptTextState([c('5', '*', { figure: '781' }), c('6', 'text', { t: 'New', b: [] })])).toMatchObject({
      text: 'New',
      also: [],
    });
    expect(keptTextState([created, c('2', '_deleted', true)])?.exists).toBe(false);
  });

  it('references: the first raised keeps its number, later ones take the next free, whatever order they arrive in', () => {
    const actions = [
      { uid: '2026-b', claimed: 'DPC-2023-11-02' },
      { uid: '2026-a', claimed: 'DPC-2023-11-02' },
      { uid: '0000-x', claimed: 'DPC-2023-11-01' },
      { uid: '2026-c', claimed: 'DPC-2023-11-02' },
      { uid: '2026-d', claimed: 'DPC-2023-11-03' },
    ];
    const refs = assignReferences(actions);
    expect(Object.fromEntries(refs)).toEqual({
      '0000-x': 'DPC-2023-11-01',
      '2026-a': 'DPC-2023-11-02',
      '2026-b': 'DPC-2023-11-04',
      '2026-c': 'DPC-2023-11-05',
      '2026-d': 'DPC-2023-11-03',
    });
    expect(assignReferences([...actions].reverse())).toEqual(refs);
  });

  it('a figure: the latest import not undone wins; all undone, what the first found', () => {
    const f = (value: number) => ({ value, numerator: null, denominator: null });
    const early = { importUid: '2026-1', undone: false, next: f(10), old: f(5) };
    const late = { importUid: '2026-2', undone: false, next: f(12), old: f(10) };
    expect(figureFromImports([late, early])).toEqual(f(12));
    expect(figureFromImports([{ ...late, undone: true }, early])).toEqual(f(10));
    expect(
      figureFromImports([
        { ...late, undone: true },
        { ...early, undone: true },
      ]),
    ).toEqual(f(5));
    expect(figureFromImports([{ ...early, old: null, undone: true }])).toBeNull();
    expect(figureFromImports([])).toBeUndefined();
  });
});
