// Rules over the source text itself: hard-coded API keys (found with tree-sitter, not by scanning
// the file with a regex), suppression comments, and the user's severity settings.
import type { Node } from '@vscode/tree-sitter-wasm';
import type { SourceRange } from '../parse/callSite';
import { parserFor, type GrammarId } from '../parse/treeSitter';
import { keyEnvVar, providerLabel } from '../secrets/apiKeyFormat';
import type { Finding, Severity } from './finding';
import { ruleInfo } from './ruleCatalog';

/**
 * The shape of an OpenAI (sk-, sk-proj-, sk-svcacct-, sk-admin-) or Anthropic (sk-ant-) secret key.
 * Applied to the content of one string literal only.
 */
const keyShape = /^sk-(?:ant-[a-z0-9]+-|proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}$/;
/** Names a key is passed or stored under: apiKey, api_key, OPENAI_API_KEY, ANTHROPIC_API_KEY, ... */
const keyName = /api[_-]?key/i;

const stringTypes = new Set(['string', 'template_string']);

function literalContent(node: Node): { text: string; range: SourceRange } | undefined {
  if (node.type === 'template_string' && node.namedChildren.some((c) => c?.type === 'template_substitution')) return undefined;
  if (node.type === 'string' && node.namedChildren.some((c) => c?.type === 'interpolation')) return undefined;
  const raw = node.text;
  const open = raw.match(/^[A-Za-z]*("""|'''|"|'|`)/);
  if (!open) return undefined;
  const start = node.startIndex + open[0].length;
  const end = node.endIndex - open[1].length;
  if (end < start) return undefined;
  return { text: raw.slice(open[0].length, raw.length - open[1].length), range: { start, end } };
}

/** The name the literal is given to: the property, keyword argument, variable or assignment target. */
function targetName(node: Node): string | undefined {
  const parent = node.parent;
  if (!parent) return undefined;
  switch (parent.type) {
    case 'pair': // TS { apiKey: '...' } and Python { "api_key": "..." }
      return parent.childForFieldName('value')?.equals(node) ? parent.childForFieldName('key')?.text.replace(/^['"]|['"]$/g, '') : undefined;
    case 'keyword_argument':
      return parent.childForFieldName('value')?.equals(node) ? parent.childForFieldName('name')?.text : undefined;
    case 'variable_declarator':
      return parent.childForFieldName('value')?.equals(node) ? parent.childForFieldName('name')?.text : undefined;
    case 'assignment_expression':
    case 'assignment':
      return parent.childForFieldName('right')?.equals(node) ? parent.childForFieldName('left')?.text : undefined;
    default:
      return undefined;
  }
}

/** Whether the literal is an argument of an assignment into the environment (`os.environ[...] = `, `process.env.X = `). */
function assignsEnvironment(node: Node): boolean {
  const parent = node.parent;
  return (parent?.type === 'assignment' || parent?.type === 'assignment_expression') && /(os\.environ|process\.env)/.test(parent.childForFieldName('left')?.text ?? '');
}

/**
 * A string literal shaped like an OpenAI or Anthropic secret key, passed as apiKey/api_key or stored
 * in an *API_KEY name. The message names the provider and variable, never the key.
 */
export function hardcodedKeyFindings(text: string, grammar: GrammarId): Finding[] {
  // Every key shape starts with "sk-": a file without it is not parsed (again) and walked.
  if (!text.includes('sk-')) return [];
  let tree;
  try {
    tree = parserFor(grammar).parse(text);
  } catch {
    return [];
  }
  if (!tree) return [];
  const findings: Finding[] = [];
  try {
    const stack: Node[] = [tree.rootNode];
    while (stack.length > 0) {
      const node = stack.pop() as Node;
      if (stringTypes.has(node.type)) {
        const content = literalContent(node);
        const name = content && keyShape.test(content.text) ? targetName(node) : undefined;
        if (content && name && keyName.test(name)) {
          const provider = content.text.startsWith('sk-ant-') ? 'anthropic' : 'openai';
          const envVar = keyEnvVar[provider];
          findings.push({
            ruleId: 'hardcoded-api-key', severity: 'error', range: { start: node.startIndex, end: node.endIndex },
            message: `An ${providerLabel[provider]} API key is written in the source (${name}): anyone who can read the code or its history can spend on it. Revoke it, and read it from the environment (${envVar}) or VS Code's SecretStorage.`,
            ...(assignsEnvironment(node) ? {} : { fix: { kind: 'env-key', envVar } }),
          });
        }
        continue;
      }
      for (const child of node.namedChildren) if (child) stack.push(child);
    }
  } finally {
    tree.delete();
  }
  return findings.sort((a, b) => a.range.start - b.range.start);
}

const suppressComment = /(?:\/\/|#)\s*tokenwise-disable-next-line\b([^\n]*)/;

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
}

/** The ids a `tokenwise-disable-next-line` comment on the line above `offset` names ('*' for all), or undefined. */
export function suppressedAbove(text: string, offset: number): Set<string> | undefined {
  const start = lineStart(text, offset);
  if (start === 0) return undefined;
  const prevStart = lineStart(text, start - 1);
  const match = suppressComment.exec(text.slice(prevStart, start - 1));
  if (!match) return undefined;
  // Text after the ids (a reason after "--") is not an id.
  const ids = match[1].split('--')[0].split(/[\s,]+/).filter((id) => id.length > 0);
  return new Set(ids.length === 0 ? ['*'] : ids);
}

export function isSuppressed(text: string, ruleId: string, offsets: readonly number[]): boolean {
  return offsets.some((offset) => {
    const ids = suppressedAbove(text, offset);
    return ids !== undefined && (ids.has('*') || ids.has(ruleId));
  });
}

export type RuleSetting = 'off' | Severity;

/**
 * Applies the user's tokenwise.rules settings and the suppression comments. `callStart` is where the
 * call whose finding it is begins (a comment above the call silences all its findings of that rule).
 * Retired models keep their error severity unless the user set one: the default table cannot say
 * "warning, or error when retired".
 */
export function applyRuleSettings(
  findings: readonly { finding: Finding; callStart?: number }[],
  text: string,
  rules: Readonly<Record<string, RuleSetting>>,
): Finding[] {
  const out: Finding[] = [];
  for (const { finding, callStart } of findings) {
    const setting = rules[finding.ruleId];
    if (setting === 'off') continue;
    if (isSuppressed(text, finding.ruleId, callStart === undefined ? [finding.range.start] : [finding.range.start, callStart])) continue;
    const severity = setting ?? finding.severity ?? ruleInfo(finding.ruleId)?.defaultSeverity ?? 'info';
    out.push(severity === finding.severity ? finding : { ...finding, severity });
  }
  return out;
}
