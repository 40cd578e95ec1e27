import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Logger } from '../../../src/core/log/logger';
import type { ProxyServerOptions, RunningProxy } from '../../../src/core/proxy/proxyServer';
import { startProxyServer } from '../../../src/core/proxy/proxyServer';
import type { PipelineOptions } from '../../../src/core/runtime/pipeline';
import { Pipeline } from '../../../src/core/runtime/pipeline';
import type { LedgerRecord } from '../../../src/core/storage/ledger';
import { Ledger, readLedger } from '../../../src/core/storage/ledger';
import type { FakeProvider, FakeProviderOptions } from '../../support/fakeProvider/fakeProviderServer';
import { startFakeProvider } from '../../support/fakeProvider/fakeProviderServer';
import { keysOf, testPriceUsage } from '../runtime/pipelineFixtures';

export const openaiKey = 'sk-proxy-test-openai-0123456789abcdef';
export const anthropicKey = 'sk-ant-proxy-test-0123456789abcdef';

export interface ProxyHarness {
  fake: FakeProvider;
  proxy: RunningProxy;
  pipeline: Pipeline;
  dir: string;
  /** Everything the proxy and pipeline logged. */
  logs: string[];
  records(): Promise<LedgerRecord[]>;
  /** The ledger files' raw text. */
  ledgerText(): string;
  post(pathname: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  pipeline?: Partial<PipelineOptions>;
  fake?: FakeProviderOptions;
  proxy?: Partial<ProxyServerOptions>;
}

/** Fake provider <- proxy <- pipeline with a real ledger and cache in a temp dir; retries fast. */
export async function startProxyHarness(options: HarnessOptions = {}): Promise<ProxyHarness> {
  const fake = await startFakeProvider(options.fake);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenwise-proxy-'));
  const ledgerDir = path.join(dir, 'ledger');
  const ledger = await Ledger.open({ dir: ledgerDir });
  const logs: string[] = [];
  const note = (m: string): void => void logs.push(m);
  const logger: Logger = { error: note, warn: note, info: note, debug: note, trace: note };
  const pipeline = new Pipeline({
    transports: [], priceUsage: testPriceUsage, ledger, logger, cache: { dir },
    retry: { baseDelayMs: 1, maxDelayMs: 5 }, ...options.pipeline,
  });
  const proxy = await startProxyServer({
    pipeline: async () => pipeline,
    upstreams: { openai: fake.openaiBaseUrl, anthropic: fake.baseUrl },
    keys: keysOf({ openai: openaiKey, anthropic: anthropicKey }),
    logger,
    ...options.proxy,
  });
  return {
    fake, proxy, pipeline, dir, logs,
    async records() {
      const out: LedgerRecord[] = [];
      for await (const r of readLedger(ledgerDir)) out.push(r);
      return out;
    },
    ledgerText: () => fs.readdirSync(ledgerDir).map((f) => fs.readFileSync(path.join(ledgerDir, f), 'utf8')).join(''),
    post: (pathname, body, headers = {}) => fetch(`${proxy.url}${pathname}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${proxy.token}`, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
    async close() {
      await proxy.close();
      ledger.close();
      await fake.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const chatBody = (text: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ model: 'gpt-4o', messages: [{ role: 'user', content: text }], ...extra });
export const messagesBody = (text: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ model: 'claude-sonnet-5-5', max_tokens: 64, messages: [{ role: 'user', content: text }], ...extra });
