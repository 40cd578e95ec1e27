// Prefers an exact counter (Anthropic's POST /v1/messages/count_tokens, free but needing a key
// and the network) over the local estimate when one is configured, and remembers its answers
// by content hash so an unchanged request is never sent twice. The network implementation
// lives in the host; core only defines the plug-in point.
import { createHash } from 'node:crypto';
import type { LlmRequest } from '../request/llmRequest';
import { countRequest } from './countTokens';
import { LruCache } from './lruCache';
import type { CountOptions, RequestTokenCount } from './tokenTypes';

/** Counts a request exactly, e.g. through a provider's token-counting endpoint. */
export interface ExactCounter {
  /** Whether this counter can count the request (provider, model, key configured). */
  supports(request: LlmRequest): boolean;
  /** The request's exact input tokens; rejects when the count is not available (offline, no key). */
  count(request: LlmRequest): Promise<number>;
}

export interface TokenCountingServiceOptions {
  exactCounter?: ExactCounter;
  /** Exact counts remembered (LRU). */
  cacheSize?: number;
  /** Exact counts by request hash from an earlier session, least recently used first. */
  known?: readonly (readonly [string, number])[];
}

/** Keys sorted so that two equal requests built in a different property order hash alike. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function requestHash(request: LlmRequest): string {
  return createHash('sha1').update(stableJson(request)).digest('hex');
}

/** True when every part is literal: an exact counter cannot know a placeholder's or a file's size either. */
function fullyKnown(request: LlmRequest): boolean {
  if (request.toolsUnresolved) return false;
  const blocks = [...(request.system ?? []), ...request.messages.flatMap((m) => m.blocks)];
  return blocks.every((b) => b.parts.every((p) => p.kind === 'text' || (p.kind === 'image' && p.width !== undefined && p.height !== undefined)));
}

/** The endpoint reports only a total; the breakdown stays the estimate's. */
function withExactTotal(local: RequestTokenCount, total: number): RequestTokenCount {
  const { band: _band, ...rest } = local;
  return { ...rest, total, exact: true, source: 'count_tokens', notes: ['exact total from count_tokens; the per-part breakdown is estimated'] };
}

export class TokenCountingService {
  private readonly exact: LruCache<string, number>;
  private readonly inFlight = new Map<string, Promise<number>>();

  constructor(private readonly options: TokenCountingServiceOptions = {}) {
    this.exact = new LruCache(options.cacheSize ?? 1000);
    for (const [key, total] of options.known ?? []) this.exact.set(key, total);
  }

  /** Whether the exact counter would be asked for this request (and so whether an exact count can exist). */
  wantsExact(request: LlmRequest): boolean {
    const counter = this.options.exactCounter;
    return counter !== undefined && fullyKnown(request) && counter.supports(request);
  }

  /** The count with its exact total when one is already known, without asking the counter; undefined otherwise. */
  known(request: LlmRequest, countOptions: CountOptions = {}): RequestTokenCount | undefined {
    if (!this.wantsExact(request)) return undefined;
    const total = this.exact.get(requestHash(request));
    return total === undefined ? undefined : withExactTotal(countRequest(request, countOptions), total);
  }

  /** The exact counts held, least recently used first (hashes and totals only), to persist them. */
  knownTotals(): [string, number][] {
    return this.exact.toArray();
  }

  async count(request: LlmRequest, countOptions: CountOptions = {}): Promise<RequestTokenCount> {
    const local = countRequest(request, countOptions);
    const counter = this.options.exactCounter;
    if (local.exact || !counter || !fullyKnown(request) || !counter.supports(request)) return local;
    const key = requestHash(request);
    try {
      return withExactTotal(local, await this.exactTotal(key, () => counter.count(request)));
    } catch (error) {
      return { ...local, notes: [...local.notes, `exact count unavailable (${error instanceof Error ? error.message : String(error)}); showing the estimate`] };
    }
  }

  private exactTotal(key: string, fetchTotal: () => Promise<number>): Promise<number> {
    const cached = this.exact.get(key);
    if (cached !== undefined) return Promise.resolve(cached);
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = fetchTotal()
        .then((total) => {
          this.exact.set(key, total);
          return total;
        })
        .finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }
}
