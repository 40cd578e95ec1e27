import * as assert from 'node:assert/strict';
import type { CacheBlockInfo, CacheModelFacts } from '../../../src/core/optimize/cachePlanModel';
import { planAnthropicCache } from '../../../src/core/optimize/cachePlanAnthropic';
import { classifyParts, classifyText, prefixBlocks } from '../../../src/core/optimize/cachePlanDynamic';
import { breakEvenReads, expectedSavingPerCallUsd, hitProbability, readsPerWrite } from '../../../src/core/optimize/cachePlanModel';
import { adviseOpenAiCache, openAiCachedTokens, suggestPromptCacheKeys } from '../../../src/core/optimize/cachePlanOpenAi';

// Sonnet 4.5 list prices (provider-facts.md): input 3, 5-min write 3.75, 1-h write 6, read 0.30.
const sonnet: CacheModelFacts = { minCacheableTokens: 1024, inputPerMTok: 3, cacheWrite5mPerMTok: 3.75, cacheWrite1hPerMTok: 6, cacheReadPerMTok: 0.3 };
const block = (label: string, tokens: number, extra: Partial<CacheBlockInfo> = {}): CacheBlockInfo => ({ label, tokens, dynamic: false, ...extra });
const close = (a: number, b: number, eps = 1e-9): void => assert.ok(Math.abs(a - b) <= eps * Math.max(1, Math.abs(b)), `${a} != ${b}`);

describe('cache planning model', () => {
  it('pays back a 5-minute write after 1 read and a 1-hour write after 2', () => {
    assert.equal(breakEvenReads(sonnet, '5m'), 1);
    assert.equal(breakEvenReads(sonnet, '1h'), 2);
    // Check against the saving formula itself: n reads after one write, net of the premium.
    const net = (ttl: '5m' | '1h', reads: number): number =>
      reads * (sonnet.inputPerMTok - sonnet.cacheReadPerMTok) - ((ttl === '1h' ? sonnet.cacheWrite1hPerMTok : sonnet.cacheWrite5mPerMTok) - sonnet.inputPerMTok);
    assert.ok(net('5m', 0) < 0 && net('5m', 1) >= 0);
    assert.ok(net('1h', 1) < 0 && net('1h', 2) >= 0);
  });

  it('derives hits from Poisson arrivals and a refreshed TTL', () => {
    close(hitProbability(12, 5 / 60), 1 - Math.exp(-1));
    close(readsPerWrite(12, 5 / 60), Math.E - 1);
    assert.equal(hitProbability(0, 1), 0);
    // At one call an hour, 5-minute entries mostly expire: caching loses money.
    assert.ok(expectedSavingPerCallUsd(sonnet, '5m', 10_000, 1) < 0);
    assert.ok(expectedSavingPerCallUsd(sonnet, '1h', 10_000, 1) > 0);
  });
});

describe('Anthropic cache placement', () => {
  const tools = block('tools[0]', 1500);
  const system = block('system[0]', 3000);
  const question = block('messages[0].content[0]', 200, { dynamic: true, dynamicReason: 'contains the placeholder question' });

  it('caches the whole static prefix with one breakpoint when calls are frequent', () => {
    const plan = planAnthropicCache({ blocks: [tools, system, question], facts: sonnet, callsPerHour: 60, ttl: '5m' });
    assert.deepEqual(plan.breakpoints.map((b) => [b.label, b.ttl, b.tokensCached]), [['system[0]', '5m', 4500]]);
    const bp = plan.breakpoints[0];
    close(bp.writeCostUsd, (4500 * 3.75) / 1e6);
    close(bp.readSavingPerCallUsd, (4500 * 2.7) / 1e6);
    assert.equal(bp.breakEvenReads, 1);
    const p = 1 - Math.exp(-60 * (5 / 60));
    close(bp.hitProbability, p);
    close(bp.monthlySavingUsd, (60 * 720 * 4500 * (p * 2.7 - (1 - p) * 0.75)) / 1e6);
    close(plan.monthlySavingUsd, bp.monthlySavingUsd);
    assert.equal(plan.staticPrefixTokens, 4500);
  });

  it('chooses the 1-hour TTL when calls are too rare for 5 minutes, and nothing when caching loses', () => {
    const auto = planAnthropicCache({ blocks: [tools, system, question], facts: sonnet, callsPerHour: 2, ttl: 'auto' });
    assert.deepEqual(auto.breakpoints.map((b) => b.ttl), ['1h']);
    const rare = planAnthropicCache({ blocks: [tools, system, question], facts: sonnet, callsPerHour: 0.2, ttl: '5m' });
    assert.deepEqual(rare.breakpoints, []);
  });

  it('adds a second breakpoint where fewer calls share the prefix, 1 h before 5 min', () => {
    const userDoc = block('messages[0].content[0]', 8000, { sharedCallsPerHour: 1 });
    const q = { ...question, label: 'messages[0].content[1]' };
    const plan = planAnthropicCache({ blocks: [tools, system, userDoc, q], facts: sonnet, callsPerHour: 120, ttl: 'auto' });
    // The rarely shared document needs 1 h; 1-hour entries must come before 5-minute ones, so the
    // busy head is 1 h too (at 120 calls/h it almost never misses, so the dearer write costs ~nothing).
    assert.deepEqual(plan.breakpoints.map((b) => [b.label, b.ttl]), [['system[0]', '1h'], ['messages[0].content[0]', '1h']]);
    assert.equal(plan.breakpoints[1].segmentTokens, 8000);
    assert.equal(plan.breakpoints[1].tokensCached, 12500);
    const single = planAnthropicCache({ blocks: [tools, system, { ...userDoc, sharedCallsPerHour: 120 }, q], facts: sonnet, callsPerHour: 120, ttl: 'auto' });
    assert.equal(single.breakpoints.length, 1, 'one breakpoint when everything static is shared alike');
  });

  it('never uses more than 4 breakpoints', () => {
    // Every block is shared by half as many calls as the one before: each would like its own breakpoint.
    const blocks = Array.from({ length: 12 }, (_, i) => block(`system[${i}]`, 2000, { sharedCallsPerHour: 600 * 0.5 ** i }));
    const plan = planAnthropicCache({ blocks, facts: sonnet, callsPerHour: 600, ttl: '5m' });
    assert.equal(plan.breakpoints.length, 4);
    const indexes = plan.breakpoints.map((b) => b.blockIndex);
    assert.deepEqual(indexes, [...indexes].sort((a, b) => a - b));
    assert.ok(plan.breakpoints.every((b) => b.monthlySavingUsd > 0));
  });

  it('finds the best placement: no subset of up to 4 breakpoints and TTLs does better', () => {
    const rates = [600, 300, 40, 40, 6, 2, 0.5];
    const blocks = rates.map((r, i) => block(`b${i}`, 700 + 300 * i, { sharedCallsPerHour: r }));
    const plan = planAnthropicCache({ blocks, facts: sonnet, callsPerHour: 600, ttl: 'auto' });
    let best = 0;
    const ttls = ['1h', '5m'] as const;
    for (let mask = 1; mask < 1 << blocks.length; mask++) {
      const chosen = blocks.map((_, i) => i).filter((i) => mask & (1 << i));
      if (chosen.length > 4) continue;
      for (let t = 0; t < 1 << chosen.length; t++) {
        const ttlOf = chosen.map((_, k) => ttls[(t >> k) & 1]);
        if (ttlOf.some((x, k) => k > 0 && ttlOf[k - 1] === '5m' && x === '1h')) continue;
        const withControls = blocks.map((b, i) => (chosen.includes(i) ? { ...b, cacheControl: ttlOf[chosen.indexOf(i)] } : b));
        best = Math.max(best, planAnthropicCache({ blocks: withControls, facts: sonnet, callsPerHour: 600, ttl: 'auto' }).currentMonthlySavingUsd);
      }
    }
    close(plan.monthlySavingUsd, best, 1e-9);
    assert.ok(plan.breakpoints.length >= 2);
  });

  it('caches nothing below the model minimum and says so', () => {
    const plan = planAnthropicCache({ blocks: [block('system[0]', 800), question], facts: sonnet, callsPerHour: 100, ttl: '5m' });
    assert.deepEqual(plan.breakpoints, []);
    assert.deepEqual(plan.warnings.map((w) => w.kind), ['belowMinimum']);
  });

  it('warns about dynamic content inside the prefix and breakpoints after it, naming the block', () => {
    const stamp = block('system[0]', 20, { dynamic: true, dynamicReason: 'contains a timestamp' });
    const plan = planAnthropicCache({ blocks: [stamp, { ...system, label: 'system[1]', cacheControl: '5m' }], facts: sonnet, callsPerHour: 60, ttl: '5m' });
    assert.deepEqual(plan.breakpoints, []);
    const kinds = plan.warnings.map((w) => [w.kind, w.label]);
    assert.deepEqual(kinds, [['dynamicInPrefix', 'system[0]'], ['breakpointAfterDynamic', 'system[1]']]);
    assert.match(plan.warnings[0].message, /timestamp/);
    assert.match(plan.warnings[0].message, /3000 static tokens/);
    assert.ok(plan.currentMonthlySavingUsd < 0, 'a breakpoint after dynamic content only pays write premiums');
  });

  it('evaluates and checks the existing cache_control', () => {
    const blocks = [block('tools[0]', 1500, { cacheControl: '5m' }), block('system[0]', 3000, { cacheControl: '1h' }), question];
    const plan = planAnthropicCache({ blocks, facts: sonnet, callsPerHour: 60, ttl: '5m' });
    assert.deepEqual(plan.warnings.map((w) => w.kind), ['ttlOrder']);
    assert.ok(plan.currentMonthlySavingUsd > 0);
    const many = Array.from({ length: 5 }, (_, i) => block(`system[${i}]`, 1100, { cacheControl: '5m' as const }));
    assert.ok(planAnthropicCache({ blocks: many, facts: sonnet, callsPerHour: 60, ttl: '5m' }).warnings.some((w) => w.kind === 'tooManyBreakpoints'));
  });
});

describe('dynamic content classification', () => {
  it('treats any placeholder part as dynamic', () => {
    assert.deepEqual(classifyParts([{ kind: 'text', text: 'Hi ' }, { kind: 'placeholder', name: 'user' }]), { dynamic: true, reason: 'contains the placeholder user' });
    assert.deepEqual(classifyParts([{ kind: 'text', text: 'You are a careful assistant.' }]), { dynamic: false });
  });

  it('lists a request in cache prefix order with labels, verdicts and cache_control', () => {
    const blocks = prefixBlocks(
      {
        provider: 'anthropic',
        api: 'messages.create',
        model: 'claude-sonnet-4-5',
        tools: [{ name: 'search' }],
        system: [{ parts: [{ kind: 'text', text: 'You are terse.' }], cacheControl: { type: 'ephemeral', ttl: '1h' } }],
        messages: [{ role: 'user', blocks: [{ parts: [{ kind: 'placeholder', name: 'question' }] }] }],
      },
      { tool: () => 300, block: (b) => b.parts.length * 10 },
    );
    assert.deepEqual(blocks, [
      { label: 'tools[0]', tokens: 300, dynamic: false },
      { label: 'system[0]', tokens: 10, dynamic: false, cacheControl: '1h' },
      { label: 'messages[0].content[0]', tokens: 10, dynamic: true, dynamicReason: 'contains the placeholder question' },
    ]);
  });

  it('recognizes run-time values in text', () => {
    assert.equal(classifyText('Now: 2026-11-24T03:10:00Z').reason, 'contains a timestamp');
    assert.equal(classifyText('Request 3f2b8c1e-9a4d-4c2b-8f1e-2b3c4d5e6f70').reason, 'contains a UUID');
    assert.equal(classifyText("The user's name is Alice.").reason, "contains a user's name");
    assert.equal(classifyText('Hello {name}').reason, 'contains a template placeholder');
    assert.equal(classifyText('Today is Tuesday.').reason, 'contains the current date or time');
    assert.equal(classifyText('Answer in three sentences.').dynamic, false);
  });
});

describe('OpenAI cache advice', () => {
  const gpt41 = { inputPerMTok: 2, cachedInputPerMTok: 0.5 };

  it('caches from 1,024 tokens in 128-token steps', () => {
    assert.equal(openAiCachedTokens(1023), 0);
    assert.equal(openAiCachedTokens(1024), 1024);
    assert.equal(openAiCachedTokens(1300), 1280);
  });

  it('suggests moving dynamic content out of the prefix, with the saving', () => {
    const blocks = [block('messages[0]', 30, { dynamic: true, dynamicReason: 'contains the placeholder today' }), block('messages[1]', 2000), block('messages[2]', 100, { dynamic: true })];
    const advice = adviseOpenAiCache(blocks, 60, gpt41);
    assert.equal(advice.cachedTokensNow, 0);
    assert.equal(advice.cachedTokensIfStaticFirst, 1920);
    assert.deepEqual(advice.dynamicBeforeStatic.map((d) => d.label), ['messages[0]']);
    const p = 1 - Math.exp(-60 * (5 / 60));
    close(advice.monthlySavingFromReorderUsd, (60 * 720 * p * 1920 * 1.5) / 1e6);
    assert.match(advice.messages[0], /messages\[0\].*today/);
  });

  it('charges the write premium of models that bill cache writes', () => {
    const blocks = [block('messages[0]', 4000)];
    const withWrites = adviseOpenAiCache(blocks, 1, { ...gpt41, cacheWritePerMTok: 2.5 });
    assert.ok(withWrites.monthlySavingNowUsd < adviseOpenAiCache(blocks, 1, gpt41).monthlySavingNowUsd);
  });

  it('groups calls sharing at least 1,024 prefix tokens under one prompt_cache_key', () => {
    const head = { text: 'You are the support bot...', tokens: 1500 };
    const calls = [
      { callId: 'a', blocks: [head, { text: 'q1', tokens: 20 }] },
      { callId: 'b', blocks: [head, { text: 'q2', tokens: 20 }] },
      { callId: 'c', blocks: [{ text: 'other', tokens: 3000 }] },
      { callId: 'd', blocks: [{ text: 'You are the support bot...', tokens: 1500 }] },
    ];
    const groups = suggestPromptCacheKeys(calls);
    assert.equal(groups.length, 1);
    assert.deepEqual(groups[0].callIds, ['a', 'b', 'd']);
    assert.equal(groups[0].sharedTokens, 1500);
    assert.match(groups[0].promptCacheKey, /^tw-[0-9a-f]{16}$/);
    assert.equal(suggestPromptCacheKeys(calls)[0].promptCacheKey, groups[0].promptCacheKey, 'stable key');
    assert.deepEqual(suggestPromptCacheKeys([{ callId: 'x', blocks: [{ text: 's', tokens: 900 }] }, { callId: 'y', blocks: [{ text: 's', tokens: 900 }] }]), []);
  });
});
