import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { analyzeCall, type AnalysisContext, type AnalyzedCall } from '../../core/analysis/analyzeCall';
import type { LlmRequest } from '../../core/request/llmRequest';
import { systemClock } from '../../core/runtime/clock';
import { buildNativeParams, targetOf } from '../../core/runtime/nativeParams';
import { RateLimiter } from '../../core/runtime/rateLimiter';
import { requestHash, TokenCountingService, type ExactCounter } from '../../core/tokens/tokenCountingService';
import type { CoreServices } from '../services';
import type { RuntimeService } from '../runtime/runtimeService';

/** Counts start once a document has been idle this long: never on every keystroke. */
const idleMs = 1000;
/** count_tokens has its own rate limit (100 requests per minute on the first tier); stay well under it. */
const requestsPerMinute = 50;
const fileName = 'exactClaudeCounts.json';

/**
 * Exact input tokens for Anthropic call sites (setting tokenwise.tokens.exactClaudeCounts), from
 * the free count_tokens endpoint with the user's key. Applied at presentation time: the CodeLens
 * and hover ask for `overlay(call)`, which re-prices the call with the exact count when it is
 * known and otherwise queues the request; the queue is sent once the document has been idle,
 * one request per uncounted content hash, and `onDidChange` fires when new counts arrived.
 * Counts are kept by content hash (hashes and numbers only, never the key) in memory and in
 * global storage, so a reload does not spend the requests again. A failure keeps the estimate
 * and logs one line.
 */
export class ExactClaudeCounts implements vscode.Disposable {
  private readonly counts: TokenCountingService;
  private readonly limiter = new RateLimiter({ anthropic: { requestsPerMinute } }, systemClock);
  private readonly queue = new Map<string, LlmRequest>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when exact counts arrived (the CodeLens re-renders). */
  readonly onDidChange = this.changed.event;
  private readonly file: string;

  constructor(private readonly services: CoreServices, private readonly runtime: RuntimeService) {
    this.file = path.join(services.context.globalStorageUri.fsPath, fileName);
    this.counts = new TokenCountingService({ exactCounter: this.counter(), known: this.load() });
  }

  private get enabled(): boolean {
    return this.services.settings.settings['tokens.exactClaudeCounts'];
  }

  /** The call, re-priced with its exact input count when known; otherwise as it is, and the count is queued. */
  overlay(call: AnalyzedCall, context: AnalysisContext): AnalyzedCall {
    const request = call.site.request;
    if (!this.enabled || call.input.exact || !this.counts.wantsExact(request)) return call;
    const options = { assumedPlaceholderTokens: context.assumedPlaceholderTokens };
    const known = this.counts.known(request, options);
    if (known) return analyzeCall(call.site, { ...context, count: () => known });
    const hash = requestHash(request);
    // Only new content restarts the idle wait: lenses are asked for again and again while nothing changes.
    if (!this.queue.has(hash)) {
      this.queue.set(hash, request);
      this.schedule();
    }
    return call;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), idleMs);
  }

  private async flush(): Promise<void> {
    const batch = [...this.queue.values()];
    this.queue.clear();
    // No key, no requests (and nothing to log): the estimate stays.
    if (batch.length === 0 || !(await this.runtime.keyProvider().get('anthropic'))) return;
    let arrived = 0;
    for (const request of batch) {
      const result = await this.counts.count(request);
      if (result.source === 'count_tokens') arrived += 1;
      else {
        // The error text comes from the runtime, which strips keys; one line per batch is enough.
        this.services.log.warn(`Exact Claude count unavailable, showing the estimate: ${result.notes.at(-1) ?? 'unknown error'}`);
        break;
      }
    }
    if (arrived === 0) return;
    this.save();
    this.changed.fire();
  }

  /** count_tokens through the runtime's Anthropic transport (its key source, the Demo provider when set). */
  private counter(): ExactCounter {
    return {
      supports: (request) => request.provider === 'anthropic' && request.model !== null,
      count: async (request) => {
        const target = targetOf(request);
        const body = buildNativeParams(request, target);
        await this.limiter.acquire('anthropic', 0);
        return this.runtime.anthropicCounter().countTokens({ api: 'messages', model: target.model, body });
      },
    };
  }

  private load(): [string, number][] {
    try {
      const data = JSON.parse(fs.readFileSync(this.file, 'utf8')) as { v?: unknown; counts?: unknown };
      if (data.v !== 1 || !Array.isArray(data.counts)) return [];
      return data.counts.filter((e): e is [string, number] => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'number');
    } catch {
      return []; // First run, or an unreadable file: counting again is the only cost.
    }
  }

  /** Atomically (temp file + rename), so a crash never leaves a torn file. */
  private save(): void {
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      const temp = `${this.file}.${process.pid}.tmp`;
      fs.writeFileSync(temp, JSON.stringify({ v: 1, counts: this.counts.knownTotals() }));
      fs.renameSync(temp, this.file);
    } catch (error) {
      this.services.log.warn(`Exact Claude counts not saved: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.changed.dispose();
  }
}
