// From a finding to the quick fixes the editor offers: edits, a compression preview, or a new
// document. Every edit is checked by parsing the edited text again (keepsCodeValid), so a fix that
// would break the code is never offered.
import type { CallSite, SourceRange, SourcedPart } from '../parse/callSite';
import type { GrammarId } from '../parse/treeSitter';
import type { Finding } from '../rules/finding';
import { batchRewrite } from './batchRewrite';
import { cacheControlEdits, compressEdits, envKeyEdits, maxTokensEdits, moveDynamicEdits, swapModelEdits } from './quickFixes';
import { keepsCodeValid, type TextEdit } from './textEdit';

export type FixAction =
  | { kind: 'edit'; title: string; edits: TextEdit[]; preferred: boolean }
  /** Shown as a diff first; applied on confirmation. */
  | { kind: 'preview'; title: string; edits: TextEdit[]; tokensSaved: number }
  | { kind: 'new-document'; title: string; language: string; content: string };

/** The literal text of the prompt part whose source range is `range`. */
function partText(site: CallSite, range: SourceRange): string | undefined {
  const blocks = [...(site.request.system ?? []), ...site.request.messages.flatMap((m) => m.blocks)];
  for (const block of blocks) {
    for (const part of block.parts as SourcedPart[]) {
      if (part.kind === 'text' && part.range && part.range.start === range.start && part.range.end === range.end) return part.text;
    }
  }
  return undefined;
}

/**
 * The fixes for one finding. `site` is the call the finding belongs to (undefined for findings about
 * the file, like a hard-coded key); `text` is the document (the cell for notebooks).
 */
export function fixActions(finding: Finding, site: CallSite | undefined, text: string, grammar: GrammarId): FixAction[] {
  const fix = finding.fix;
  if (!fix) return [];
  const valid = (edits: TextEdit[] | undefined): edits is TextEdit[] => edits !== undefined && edits.length > 0 && keepsCodeValid(text, edits, grammar);
  switch (fix.kind) {
    case 'env-key': {
      const edits = envKeyEdits(finding.range, text, grammar, fix.envVar);
      return valid(edits) ? [{ kind: 'edit', title: `Read the key from ${fix.envVar} instead`, edits, preferred: true }] : [];
    }
    case 'swap-model': {
      if (!site) return [];
      return fix.models.flatMap((model): FixAction[] => {
        const edits = swapModelEdits(site, model);
        // A different model can answer differently: preferred is left to the user's judgement.
        return valid(edits) ? [{ kind: 'edit', title: `Switch to ${model}`, edits, preferred: false }] : [];
      });
    }
    case 'cache-control': {
      const edits = site && cacheControlEdits(site, text, grammar);
      return valid(edits) ? [{ kind: 'edit', title: 'Add cache_control to the system prompt', edits, preferred: true }] : [];
    }
    case 'move-dynamic': {
      const edits = site && moveDynamicEdits(site, text, grammar);
      return valid(edits) ? [{ kind: 'edit', title: 'Move the changing content after the static content', edits, preferred: true }] : [];
    }
    case 'max-tokens': {
      const edits = site && maxTokensEdits(site, text, grammar, fix.param, fix.value);
      return valid(edits) ? [{ kind: 'edit', title: `Add ${fix.param}: ${fix.value}`, edits, preferred: true }] : [];
    }
    case 'compress': {
      const original = site && partText(site, fix.range);
      const edits = original === undefined ? undefined : compressEdits(fix, original, text, grammar);
      const saved = fix.tokensBefore - fix.tokensAfter;
      return valid(edits) ? [{ kind: 'preview', title: `Compress this prompt (saves ${saved} tokens)…`, edits, tokensSaved: saved }] : [];
    }
    case 'batch': {
      const rewrite = site && batchRewrite(site, text, grammar);
      return rewrite ? [{ kind: 'new-document', title: 'Open a Batch API version of this loop (50% off)', language: rewrite.language, content: rewrite.content }] : [];
    }
    default:
      return [];
  }
}
