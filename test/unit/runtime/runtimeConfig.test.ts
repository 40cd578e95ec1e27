import * as assert from 'node:assert/strict';
import { defaultSettings, parseSettings, type Settings } from '../../../src/core/protocol/settings';
import { builtinCatalog, findModel } from '../../../src/core/pricing/catalog';
import { defaultBreakerSettings } from '../../../src/core/runtime/circuitBreaker';
import { defaultCacheSettings } from '../../../src/core/runtime/responseCache';
import { defaultRetrySettings } from '../../../src/core/runtime/retry';
import { compatibleProviders, parseTarget, runtimeConfig, type RuntimeConfigEnvironment } from '../../../src/core/runtime/runtimeConfig';

const spend = { spentUsd: () => 0 };
const env: RuntimeConfigEnvironment = { cacheDir: '/storage/cache', spend, catalogProvider: (model) => findModel(builtinCatalog(), model)?.provider };

function settings(raw: Partial<Record<keyof Settings, unknown>>): Settings {
  const { settings: s, problems } = parseSettings(raw);
  assert.deepEqual(problems, [], 'the test settings must be valid');
  return s;
}

describe('runtime config from settings', () => {
  it('maps the default settings to the steps\' own defaults, with no budget, limits or fallback', () => {
    const { options, problems } = runtimeConfig(defaultSettings(), env);
    assert.deepEqual(problems, []);
    assert.deepEqual(options.cache, { dir: '/storage/cache', settings: defaultCacheSettings });
    const { jitter: _jitter, ...retry } = defaultRetrySettings;
    assert.deepEqual(options.retry, retry);
    assert.deepEqual(options.breaker, defaultBreakerSettings);
    assert.equal(options.budget, false);
    assert.equal(options.limits, false);
    assert.equal(options.fallback, false);
  });

  it('switches each step off with its setting', () => {
    const { options } = runtimeConfig(settings({ 'cache.enabled': false, 'retry.enabled': false, 'circuitBreaker.enabled': false }), env);
    assert.equal(options.cache, false);
    assert.equal(options.retry, false);
    assert.equal(options.breaker, false);
  });

  it('converts units: minutes, MB and seconds', () => {
    const { options } = runtimeConfig(settings({
      'cache.ttlMinutes': 5, 'cache.maxEntries': 7, 'cache.maxSizeMB': 1.5, 'retry.maxAttempts': 1, 'retry.baseDelayMs': 10, 'retry.maxDelayMs': 20,
      'retry.maxTotalWaitSeconds': 2, 'circuitBreaker.failureThreshold': 2, 'circuitBreaker.coolDownSeconds': 4,
      rateLimits: { openai: { requestsPerMinute: 60 } },
    }), env);
    assert.deepEqual(options.cache, { dir: '/storage/cache', settings: { ttlMs: 300_000, maxEntries: 7, maxBytes: 1_572_864 } });
    assert.deepEqual(options.retry, { maxAttempts: 1, baseDelayMs: 10, maxDelayMs: 20, maxTotalWaitMs: 2000 });
    assert.deepEqual(options.breaker, { failureThreshold: 2, coolDownMs: 4000 });
    assert.deepEqual(options.limits, { openai: { requestsPerMinute: 60 } });
  });

  it('builds budget caps from the non-zero settings, with the hard stop and the ledger as spend source', () => {
    const { options } = runtimeConfig(settings({ 'budget.dailyUsd': 5, 'budget.workspaceMonthlyUsd': 20, 'budget.hardStop': false }), env);
    assert.ok(options.budget);
    assert.deepEqual(options.budget.settings, { global: { dailyUsd: 5 }, perWorkspace: { monthlyUsd: 20 }, hardStop: false });
    assert.equal(options.budget.spend, spend);
  });

  it('parses fallback targets: provider:model, a bare catalog model, a compatible provider\'s model', () => {
    const s = settings({
      'providers.openaiCompatible': [{ id: 'ollama', baseUrl: 'http://127.0.0.1:11434/v1', models: ['llama3:8b'] }],
      'fallback.chains': { 'claude-opus-4-5': ['claude-sonnet-4-5', 'openai:gpt-4o-mini', 'llama3:8b', 'ollama:qwen2.5'] },
      'fallback.immediatelyOnOverload': true,
    });
    const { options, problems } = runtimeConfig(s, env);
    assert.deepEqual(problems, []);
    assert.deepEqual(options.fallback, {
      chains: {
        'claude-opus-4-5': [
          { provider: 'anthropic', model: 'claude-sonnet-4-5', api: 'messages' },
          { provider: 'openai', model: 'gpt-4o-mini', api: 'chat' },
          { provider: 'ollama', model: 'llama3:8b', api: 'chat' },
          { provider: 'ollama', model: 'qwen2.5', api: 'chat' },
        ],
      },
      immediatelyOnOverload: true,
    });
  });

  it('reports bad chain targets and keeps the good ones', () => {
    const s = settings({ 'fallback.chains': { 'gpt-4o': ['no-such-model', 'mistral:large', 'openai:', 'gpt-4o-mini'], 'gpt-5': ['nope'] } });
    const { options, problems } = runtimeConfig(s, env);
    assert.deepEqual(options.fallback, { chains: { 'gpt-4o': [{ provider: 'openai', model: 'gpt-4o-mini', api: 'chat' }] }, immediatelyOnOverload: false });
    assert.equal(problems.length, 4);
    assert.match(problems[0] ?? '', /fallback\.chains\["gpt-4o"\]: "no-such-model" is not a model in the price catalog.*provider:model/);
    assert.match(problems[1] ?? '', /"mistral:large"/);
    assert.match(problems[2] ?? '', /"openai:" names no model/);
    assert.match(problems[3] ?? '', /fallback\.chains\["gpt-5"\]: "nope"/);
  });

  it('reports rate limits for a provider that does not exist', () => {
    const { problems } = runtimeConfig(settings({ rateLimits: { opeani: { requestsPerMinute: 10 } } }), env);
    assert.match(problems.join('\n'), /rateLimits\["opeani"\]: no such provider/);
  });

  it('ignores a compatible provider that reuses a taken id, and says so', () => {
    const s = settings({ 'providers.openaiCompatible': [
      { id: 'openai', baseUrl: 'http://127.0.0.1:1/v1' }, { id: 'lm', baseUrl: 'http://127.0.0.1:2/v1' }, { id: 'lm', baseUrl: 'http://127.0.0.1:3/v1' },
    ] });
    assert.deepEqual(compatibleProviders(s).map((p) => p.baseUrl), ['http://127.0.0.1:2/v1']);
    const { problems } = runtimeConfig(s, env);
    assert.equal(problems.length, 2);
    assert.match(problems[0] ?? '', /"openai" is already taken.*127\.0\.0\.1:1/);
  });

  it('parses a target on its own', () => {
    assert.deepEqual(parseTarget('anthropic:claude-haiku-4-5', defaultSettings(), env.catalogProvider), { provider: 'anthropic', model: 'claude-haiku-4-5', api: 'messages' });
  });
});
