import * as assert from 'node:assert/strict';
import { LruCache } from '../../../src/core/tokens/lruCache';
import { MemoTokenCounter } from '../../../src/core/tokens/memoTokenCounter';

function spyEncoder(): { calls: string[]; encode: (text: string) => number[] } {
  const calls: string[] = [];
  return { calls, encode: (text) => { calls.push(text); return text.split(' ').map((_, i) => i); } };
}

describe('MemoTokenCounter', () => {
  it('does not call the encoder again for text it has counted', () => {
    const spy = spyEncoder();
    const counter = new MemoTokenCounter('o200k_base', spy.encode);
    assert.equal(counter.count('one two three'), 3);
    assert.equal(counter.count('one two three'), 3);
    assert.deepEqual(spy.calls, ['one two three']);
  });

  it('counts different texts separately and never encodes the empty string', () => {
    const spy = spyEncoder();
    const counter = new MemoTokenCounter('o200k_base', spy.encode);
    assert.equal(counter.count('a b'), 2);
    assert.equal(counter.count('a b c'), 3);
    assert.equal(counter.count(''), 0);
    assert.deepEqual(spy.calls, ['a b', 'a b c']);
  });

  it('remembers short texts (their own key) and long ones (a digest) apart', () => {
    const spy = spyEncoder();
    const counter = new MemoTokenCounter('o200k_base', spy.encode);
    const short = 'a b c';
    const long = `${'word '.repeat(30)}end`;
    // A long text starting with the short one's key must not be taken for it.
    const lookalike = `o200k_base\0${short}${' pad'.repeat(20)}`;
    assert.equal(counter.count(short), 3);
    assert.equal(counter.count(long), 31);
    assert.equal(counter.count(lookalike), 23);
    assert.equal(counter.count(short), 3);
    assert.equal(counter.count(long), 31);
    assert.deepEqual(spy.calls, [short, long, lookalike]);
  });

  it('re-encodes a text once the cap has evicted it', () => {
    const spy = spyEncoder();
    const counter = new MemoTokenCounter('cl100k_base', spy.encode, 2);
    counter.count('x');
    counter.count('y');
    counter.count('z');
    counter.count('x');
    assert.deepEqual(spy.calls, ['x', 'y', 'z', 'x']);
  });
});

describe('LruCache', () => {
  it('evicts the least recently used entry beyond its capacity', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    assert.equal(cache.get('a'), 1);
    cache.set('c', 3);
    assert.equal(cache.get('b'), undefined);
    assert.equal(cache.get('a'), 1);
    assert.equal(cache.get('c'), 3);
    assert.equal(cache.size, 2);
  });

  it('rejects a capacity that is not a positive integer', () => {
    assert.throws(() => new LruCache(0), RangeError);
    assert.throws(() => new LruCache(1.5), RangeError);
  });
});
