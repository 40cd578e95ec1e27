import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createAnthropicTransport } from '../../../src/core/runtime/anthropicTransport';
import { createOpenAiTransport } from '../../../src/core/runtime/openaiTransport';
import type { PipelineOptions } from '../../../src/core/runtime/pipeline';
import { Pipeline } from '../../../src/core/runtime/pipeline';
import type { Transport } from '../../../src/core/runtime/transport';
import type { LedgerRecord } from '../../../src/core/storage/ledger';
import { Ledger, readLedger } from '../../../src/core/storage/ledger';
import type { FakeProvider, FakeProviderOptions } from '../../support/fakeProvider/fakeProviderServer';
import { startFakeProvider } from '../../support/fakeProvider/fakeProviderServer';
import { FakeClock } from './fakeClock';
import { keysOf, testPriceUsage } from './pipelineFixtures';

export const openaiKey = 'sk-test-openai-0123456789abcdef';
export const anthropicKey = 'sk-ant-test-0123456789abcdef';

export interface Harness {
  server: FakeProvider;
  dir: string;
  clock: FakeClock;
  ledger: Ledger;
  pipeline(options?: Partial<PipelineOptions>, transportOptions?: { timeoutMs?: number }): Pipeline;
  transports(timeoutMs?: number): Transport[];
  records(): Promise<LedgerRecord[]>;
  close(): Promise<void>;
}

/** The real SDKs, through the real transports, against the fake server; ledger and cache in a temp dir. */
export async function startHarness(serverOptions: FakeProviderOptions = {}): Promise<Harness> {
  const server = await startFakeProvider(serverOptions);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenwise-sdk-'));
  const clock = new FakeClock();
  const ledger = await Ledger.open({ dir: path.join(dir, 'ledger') });
  const keys = keysOf({ openai: openaiKey, anthropic: anthropicKey });
  const transports = (timeoutMs?: number): Transport[] => [
    createOpenAiTransport({ keys, baseURL: server.openaiBaseUrl, timeoutMs, clock }),
    createAnthropicTransport({ keys, baseURL: server.baseUrl, timeoutMs, clock }),
  ];
  return {
    server, dir, clock, ledger, transports,
    pipeline: (options = {}, transportOptions = {}) =>
      new Pipeline({ transports: transports(transportOptions.timeoutMs), priceUsage: testPriceUsage, clock, random: () => 0.5, ledger, ...options }),
    async records() {
      const out: LedgerRecord[] = [];
      for await (const r of readLedger(path.join(dir, 'ledger'))) out.push(r);
      return out;
    },
    async close() {
      ledger.close();
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
