import * as assert from 'node:assert/strict';
import { bucketStart, nextBucketStart } from '../../../src/core/spend/timeBuckets';

const utc = (s: string) => Date.parse(s);
const iso = (ms: number) => new Date(ms).toISOString();

describe('spend time buckets (UTC)', () => {
  it('puts the last millisecond of a UTC day in that day, and midnight in the next', () => {
    assert.equal(iso(bucketStart(utc('2026-11-24T23:59:59.999Z'), 'day')), '2026-11-24T00:00:00.000Z');
    assert.equal(iso(bucketStart(utc('2026-11-25T00:00:00.000Z'), 'day')), '2026-11-25T00:00:00.000Z');
    assert.equal(iso(bucketStart(utc('2026-11-24T13:45:10Z'), 'hour')), '2026-11-24T13:00:00.000Z');
  });

  it('starts weeks on Monday (ISO), across month and year ends', () => {
    // 2026-11-24 is a Tuesday; 2026-11-30 a Monday; 2027-01-01 a Friday.
    assert.equal(iso(bucketStart(utc('2026-11-24T10:00:00Z'), 'week')), '2026-11-23T00:00:00.000Z');
    assert.equal(iso(bucketStart(utc('2026-11-29T23:59:59.999Z'), 'week')), '2026-11-23T00:00:00.000Z');
    assert.equal(iso(bucketStart(utc('2026-11-30T00:00:00Z'), 'week')), '2026-11-30T00:00:00.000Z');
    assert.equal(iso(bucketStart(utc('2027-01-01T00:00:00Z'), 'week')), '2026-12-28T00:00:00.000Z');
    assert.equal(iso(bucketStart(utc('1970-01-01T00:00:00Z'), 'week')), '1969-12-29T00:00:00.000Z');
  });

  it('starts months on the 1st and steps over months of any length', () => {
    assert.equal(iso(bucketStart(utc('2026-02-28T23:59:59.999Z'), 'month')), '2026-02-01T00:00:00.000Z');
    assert.equal(iso(bucketStart(utc('2026-03-01T00:00:00Z'), 'month')), '2026-03-01T00:00:00.000Z');
    assert.equal(iso(nextBucketStart(utc('2026-01-01T00:00:00Z'), 'month')), '2026-02-01T00:00:00.000Z');
    assert.equal(iso(nextBucketStart(utc('2026-12-01T00:00:00Z'), 'month')), '2027-01-01T00:00:00.000Z');
    assert.equal(iso(nextBucketStart(utc('2026-11-23T00:00:00Z'), 'week')), '2026-11-30T00:00:00.000Z');
  });
});
