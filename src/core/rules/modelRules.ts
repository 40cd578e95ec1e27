// Findings about the model a call names. An unknown model is never priced as another; a
// retired one fails at run time, so both are said plainly where the model is written.
import type { AnalyzedCall } from '../analysis/analyzeCall';
import type { Finding } from './finding';

export function modelFindings(call: AnalyzedCall): Finding[] {
  const { site, entry } = call;
  const model = site.request.model;
  const range = site.modelRange ?? site.range;
  if (model === null || call.billing === 'not-token-priced') return [];
  if (!entry) {
    return [{ ruleId: 'unknown-model', severity: 'warning', range, message: `"${model}" is not in the price catalog, so this call is not priced. Check the name, or update prices (tokenwise prices update).` }];
  }
  const { lifecycle } = entry;
  if (lifecycle.status === 'retired') {
    return [{ ruleId: 'deprecated-model', severity: 'error', range, message: `${model} is retired${lifecycle.retirementDate ? ` since ${lifecycle.retirementDate}` : ''}: calls to it fail. Switch to a current model.` }];
  }
  if (lifecycle.status === 'deprecated') {
    return [{ ruleId: 'deprecated-model', severity: 'warning', range, message: `${model} is deprecated${lifecycle.retirementDate ? ` and retires on ${lifecycle.retirementDate}` : ''}. Plan a move to a current model.` }];
  }
  return [];
}
