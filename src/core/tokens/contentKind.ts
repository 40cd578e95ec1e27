// A small deterministic classifier of prompt text. Claude's tokenizer splits code and JSON
// into relatively more tokens than o200k does (provider-facts.md: +16% English prose, +30%
// Python), so the estimator scales each kind by its own factor.

export type ContentKind = 'prose' | 'code' | 'json';

const structural = new Set(['{', '}', '[', ']', '"', "'", ':', ',']);
const codeSymbols = new Set(['{', '}', '(', ')', '[', ']', ';', '=', '<', '>', '&', '|', '!', '*', '/', '\\', '#', '$', '`', '_']);
// Line starts and ends that are rare in prose but typical of source code.
const codeLineStart = /^\s*(?:import|export|from|use|fn|pub|let|const|var|def|class|return|if|for|while|function|async|await|#include|package|struct|impl|mod|\/\/|\/\*|\*|#!|@\w)\b/;
const codeLineEnd = /[;{}()\]]\s*$|=>\s*$|:\s*$/;

function share(text: string, set: Set<string>): number {
  let n = 0;
  for (const ch of text) if (set.has(ch)) n++;
  return n / Math.max(1, text.length);
}

function looksLikeJson(trimmed: string): boolean {
  if (!/^[[{]/.test(trimmed) || !/[\]}]$/.test(trimmed)) return false;
  try {
    JSON.parse(trimmed);
    return true;
  } catch {
    // Python dict reprs and JSON with comments are JSON-like for tokenization purposes.
    return share(trimmed, structural) > 0.15;
  }
}

export function classifyContent(text: string): ContentKind {
  const trimmed = text.trim();
  if (trimmed.length === 0) return 'prose';
  if (looksLikeJson(trimmed)) return 'json';
  const lines = trimmed.split('\n').filter((l) => l.trim().length > 0);
  const codeLines = lines.filter((l) => codeLineStart.test(l) || codeLineEnd.test(l)).length;
  const codeLineShare = codeLines / lines.length;
  // One-line prompts ("Multiply 1984135 by 9343116.") need the symbol test alone; multi-line
  // text needs both signals so a bulleted list ending in colons stays prose.
  if (lines.length >= 3 && codeLineShare >= 0.4 && share(trimmed, codeSymbols) > 0.03) return 'code';
  if (share(trimmed, codeSymbols) > 0.08) return 'code';
  return 'prose';
}
