import * as assert from 'node:assert/strict';
import { formatTokens, formatUsd } from '../../../src/core/format/numbers';

describe('number formatting', () => {
  it('groups token counts', () => {
    assert.equal(formatTokens(1234), '1,234');
    assert.equal(formatTokens(0), '0');
    assert.equal(formatTokens(1_500_000), '1,500,000');
  });

  it('writes dollars with the precision their size needs', () => {
    const cases: [number, string][] = [
      [0, '$0'], [0.0093, '$0.0093'], [0.00012, '$0.00012'], [0.000123456, '$0.00012'], [0.01234, '$0.0123'],
      [0.5, '$0.50'], [1.2345, '$1.23'], [12.349, '$12.35'], [560.4, '$560'], [1234.5, '$1,235'], [-0.0093, '-$0.0093'],
      [Number.NaN, '$?'],
    ];
    for (const [usd, text] of cases) assert.equal(formatUsd(usd), text, String(usd));
  });
});
