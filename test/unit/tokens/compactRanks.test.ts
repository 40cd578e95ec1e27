import * as assert from 'node:assert/strict';
import { CompactRankTable } from '../../../src/core/tokens/compactRanks';

const b64 = (bytes: number[]): string => Buffer.from(bytes).toString('base64');

describe('CompactRankTable', () => {
  // Two lines in js-tiktoken's format: a label, the rank of the first token, then the tokens.
  const table = CompactRankTable.fromRankText(
    `! 0 ${b64([104])} ${b64([105])} ${b64([104, 105])}\n` +
    `x 10 ${b64([0])} ${b64([255, 254, 253, 252])} ${b64([32, 32, 32, 32, 32])}\n`,
  );

  it('looks ranks up by js-tiktoken key, with consecutive ranks per line', () => {
    assert.equal(table.get('104'), 0);
    assert.equal(table.get('105'), 1);
    assert.equal(table.get('104,105'), 2);
    assert.equal(table.get('0'), 10);
    assert.equal(table.get('255,254,253,252'), 11);
    assert.equal(table.get('32,32,32,32,32'), 12);
    assert.equal(table.size, 6);
  });

  it('answers undefined for byte sequences it does not hold', () => {
    for (const key of ['105,104', '104,105,104', '1', '32,32,32,32', '255,254,253']) assert.equal(table.get(key), undefined, key);
  });

  it('answers undefined for keys not in js-tiktoken format instead of guessing', () => {
    for (const key of ['', ',', '104,', ',104', '104,,105', '256', '0104', 'a', '104 ', '-1']) assert.equal(table.get(key), undefined, JSON.stringify(key));
  });

  it('keeps the last rank of a repeated token, like Map.set', () => {
    const repeated = CompactRankTable.fromRankText(`a 0 ${b64([7])} ${b64([8])}\nb 5 ${b64([7])}`);
    assert.equal(repeated.get('7'), 5);
    assert.equal(repeated.get('8'), 1);
    assert.equal(repeated.size, 2);
  });

  it('finds every one of many tokens despite hash collisions', () => {
    const tokens: number[][] = [];
    for (let a = 0; a < 256; a++) for (let b = 0; b < 40; b++) tokens.push([a, b, (a * b) & 255]);
    const big = CompactRankTable.fromRankText(`t 100 ${tokens.map(b64).join(' ')}`);
    assert.equal(big.size, tokens.length);
    tokens.forEach((t, i) => assert.equal(big.get(t.join(',')), 100 + i));
  });
});
