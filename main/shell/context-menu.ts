/**
 * The right-click menu, decided from what Electron says was clicked: spelling suggestions and "Add
 * to dictionary" for a misspelt word, then cut, copy, paste and select all in an editable field;
 * copy and select all over selected text elsewhere. A pure function, so each case is table-tested;
 * window.ts turns the items into an Electron menu.
 */
import type { ContextMenuParams } from 'electron';

/** The parts of Electron's context-menu parameters the menu depends on. */
export type MenuParams = Pick<
  ContextMenuParams,
  'isEditable' | 'selectionText' | 'misspelledWord' | 'dictionarySuggestions'
> & {
  editFlags: Pick<ContextMenuParams['editFlags'], 'canCut' | 'canCopy' | 'canPaste' | 'canSelectAll'>;
};

export type EditRole = 'cut' | 'copy' | 'paste' | 'selectAll';

export type ContextMenuItem =
  | { kind: 'replace'; label: string; word: string }
  | { kind: 'no-suggestions'; label: string }
  | { kind: 'add-to-dictionary'; label: string; word: string }
  | { kind: 'edit'; role: EditRole; label: string; enabled: boolean }
  | { kind: 'separator' };

/** Enough suggestions to find the right one without a menu longer than the field. */
export const MAX_SUGGESTIONS = 5;

const edit = (role: EditRole, label: string, enabled: boolean): ContextMenuItem => ({
  kind: 'edit',
  role,
  label,
  enabled,
});

/** The menu for a right-click, or an empty list when there is nothing useful to offer. */
export function contextMenuItems(params: MenuParams): ContextMenuItem[] {
  const flags = params.editFlags;
  if (params.isEditable) {
    const spelling: ContextMenuItem[] = [];
    if (params.misspelledWord !== '') {
      const suggestions = params.dictionarySuggestions.slice(0, MAX_SUGGESTIONS);
      if (suggestions.length === 0) spelling.push({ kind: 'no-suggestions', label: 'No spelling suggestions' });
      for (const word of suggestions) spelling.push({ kind: 'replace', label: word, word });
      spelling.push({ kind: 'add-to-dictionary', label: 'Add to dictionary', word: params.misspelledWord });
      spelling.push({ kind: 'separator' });
    }
    return [
      ...spelling,
      edit('cut', 'Cut', flags.canCut),
      edit('copy', 'Copy', flags.canCopy),
      edit('paste', 'Paste', flags.canPaste),
      { kind: 'separator' },
      edit('selectAll', 'Select all', flags.canSelectAll),
    ];
  }
  if (params.selectionText.trim() !== '') {
    return [edit('copy', 'Copy', flags.canCopy), edit('selectAll', 'Select all', flags.canSelectAll)];
  }
  return [];
}
