import { describe, expect, it } from 'vitest';
import { contextMenuItems, MAX_SUGGESTIONS, type MenuParams } from '../../main/shell/context-menu';

const allFlags = { canCut: true, canCopy: true, canPaste: true, canSelectAll: true };
const noFlags = { canCut: false, canCopy: false, canPaste: false, canSelectAll: false };

function params(overrides: Partial<MenuParams>): MenuParams {
  return {
    isEditable: false,
    selectionText: '',
    misspelledWord: '',
    dictionarySuggestions: [],
    editFlags: allFlags,
    ...overrides,
  };
}

/** What the person sees: each item's label, greyed items in brackets, separators as a rule. */
function seen(p: MenuParams): string[] {
  return contextMenuItems(p).map((item) => {
    if (item.kind === 'separator') return '---';
    if (item.kind === 'no-suggestions') return `(${item.label})`;
    if (item.kind === 'edit' && !item.enabled) return `(${item.label})`;
    return item.label;
  });
}

describe('the right-click menu', () => {
  it.each<[string, Partial<MenuParams>, string[]]>([
    ['an editable field', { isEditable: true }, ['Cut', 'Copy', 'Paste', '---', 'Select all']],
    [
      'an empty editable field (nothing to cut or copy)',
      { isEditable: true, editFlags: { ...allFlags, canCut: false, canCopy: false } },
      ['(Cut)', '(Copy)', 'Paste', '---', 'Select all'],
    ],
    [
      'a read-only page, nothing to paste into',
      { isEditable: true, editFlags: noFlags },
      ['(Cut)', '(Copy)', '(Paste)', '---', '(Select all)'],
    ],
    [
      'a misspelt word with suggestions',
      { isEditable: true, misspelledWord: 'recieve', dictionarySuggestions: ['receive', 'relieve'] },
      ['receive', 'relieve', 'Add to dictionary', '---', 'Cut', 'Copy', 'Paste', '---', 'Select all'],
    ],
    [
      'a misspelt word with no suggestions',
      { isEditable: true, misspelledWord: 'Mosaicness' },
      ['(No spelling suggestions)', 'Add to dictionary', '---', 'Cut', 'Copy', 'Paste', '---', 'Select all'],
    ],
    ['selected text on the page', { selectionText: 'Decisions within 1 working day' }, ['Copy', 'Select all']],
    ['the page with nothing selected (no menu)', {}, []],
    ['only white space selected (no menu)', { selectionText: '  \n' }, []],
  ])('in %s offers what applies', (_label, overrides, expected) => {
    expect(seen(params(overrides))).toEqual(expected);
  });

  it(`offers at most ${MAX_SUGGESTIONS} suggestions, replacing the word with the one chosen`, () => {
    const items = contextMenuItems(
      params({
        isEditable: true,
        misspelledWord: 'teh',
        dictionarySuggestions: ['the', 'ten', 'tea', 'tech', 'tel', 'tee'],
      }),
    );
    const replacements = items.filter((item) => item.kind === 'replace');
    expect(replacements).toHaveLength(MAX_SUGGESTIONS);
    expect(replacements[0]).toEqual({ kind: 'replace', label: 'the', word: 'the' });
  });

  it('adds the misspelt word itself to the dictionary', () => {
    const items = contextMenuItems(params({ isEditable: true, misspelledWord: 'Barnsley' }));
    expect(items).toContainEqual({ kind: 'add-to-dictionary', label: 'Add to dictionary', word: 'Barnsley' });
  });

  it('uses Electron roles for editing, so they act on the focused field', () => {
    const roles = contextMenuItems(params({ isEditable: true })).flatMap((item) =>
      item.kind === 'edit' ? [item.role] : [],
    );
    expect(roles).toEqual(['cut', 'copy', 'paste', 'selectAll']);
  });
});
