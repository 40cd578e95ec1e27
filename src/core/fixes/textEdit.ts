// Quick fixes are plain text edits over offsets; the host turns them into a WorkspaceEdit.
import type { SourceRange } from '../parse/callSite';
import { scanSource } from '../parse/scanSource';

export interface TextEdit {
  range: SourceRange;
  newText: string;
}

/** Applies non-overlapping edits (any order) to `text`. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.range.start - a.range.start);
  let out = text;
  let limit = Infinity;
  for (const edit of sorted) {
    if (edit.range.end > limit || edit.range.start > edit.range.end) throw new Error('overlapping or inverted edits');
    out = out.slice(0, edit.range.start) + edit.newText + out.slice(edit.range.end);
    limit = edit.range.start;
  }
  return out;
}

/**
 * Fixes never break the code: the edited text is parsed again and must hold as many calls as
 * before with no new syntax errors. `language` is a file name or grammar id, as for scanSource.
 */
export function keepsCodeValid(text: string, edits: readonly TextEdit[], language: string): boolean {
  try {
    const before = scanSource(text, language);
    const after = scanSource(applyTextEdits(text, edits), language);
    return after.calls.length === before.calls.length && after.diagnostics.length <= before.diagnostics.length && !after.skipped;
  } catch {
    return false;
  }
}
