// The rule catalogue: every rule Tokenwise reports, with its default severity and the section of
// docs/rules.md that explains it (reason and source). One table, so settings, docs and tests agree.
import type { Severity } from './finding';

export type RuleId =
  | 'cheaper-model'
  | 'cache-control-placement'
  | 'dynamic-before-static'
  | 'prompt-compression'
  | 'missing-max-tokens'
  | 'max-tokens-above-limit'
  | 'context-window-overflow'
  | 'deprecated-model'
  | 'batch-candidate'
  | 'hardcoded-api-key'
  | 'too-many-tools'
  | 'unknown-model';

export interface RuleInfo {
  id: RuleId;
  defaultSeverity: Severity;
  title: string;
}

export const ruleCatalog: readonly RuleInfo[] = [
  { id: 'cheaper-model', defaultSeverity: 'info', title: 'A cheaper model has every capability this call uses' },
  { id: 'cache-control-placement', defaultSeverity: 'info', title: 'Anthropic prompt caching would pay off here' },
  { id: 'dynamic-before-static', defaultSeverity: 'warning', title: 'Content that changes between calls comes before static content' },
  { id: 'prompt-compression', defaultSeverity: 'info', title: 'The prompt can be shorter without losing content' },
  { id: 'missing-max-tokens', defaultSeverity: 'info', title: 'No output limit is set' },
  { id: 'max-tokens-above-limit', defaultSeverity: 'error', title: "The output limit is above the model's maximum" },
  { id: 'context-window-overflow', defaultSeverity: 'error', title: "Prompt and output may not fit the model's context window" },
  { id: 'deprecated-model', defaultSeverity: 'warning', title: 'The model is deprecated or retired' },
  { id: 'batch-candidate', defaultSeverity: 'info', title: 'A loop of calls that could go through the Batch API' },
  { id: 'hardcoded-api-key', defaultSeverity: 'error', title: 'An API key is written in the source' },
  { id: 'too-many-tools', defaultSeverity: 'warning', title: 'Too many tools in one call' },
  { id: 'unknown-model', defaultSeverity: 'warning', title: 'The model is not in the price catalog' },
];

const byId = new Map<string, RuleInfo>(ruleCatalog.map((r) => [r.id, r]));

export function ruleInfo(id: string): RuleInfo | undefined {
  return byId.get(id);
}

export const isRuleId = (id: string): id is RuleId => byId.has(id);
