// An exact-match response cache. Only deterministic requests are cached by default (temperature
// 0, or the caller opts in per request): replaying a sampled answer would hide the variation
// the user asked for (semantic caches replaying stale answers is a known complaint, see
// docs/provider-facts.md). The key covers everything that changes the output and nothing that
// does not; it never includes keys or headers, which the cache never sees.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomicSync } from '../storage/atomicFile';
import type { Clock } from './clock';
import type { RuntimeTarget } from './nativeParams';
import type { NormalizedUsage } from './usage';

/** Parameters that do not change the answer: transport options, tracking ids, caching hints. */
export const paramsOutsideCacheKey: readonly string[] = ['stream', 'stream_options', 'user', 'metadata', 'timeout', 'store', 'safety_identifier', 'prompt_cache_key', 'service_tier'];

/** JSON with object keys sorted at every level, so equal requests give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function cacheKey(target: RuntimeTarget, body: Record<string, unknown>): string {
  const params: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) if (!paramsOutsideCacheKey.includes(k)) params[k] = v;
  const canonical = canonicalJson({ provider: target.provider, model: target.model, api: target.api, params });
  return createHash('sha256').update(canonical).digest('hex');
}

/** Cached by default only when the output is (nearly) deterministic. */
export function isCacheable(body: Record<string, unknown>, optIn: boolean | undefined): boolean {
  if (optIn !== undefined) return optIn;
  return body['temperature'] === 0;
}

export interface CacheSettings {
  ttlMs: number;
  maxEntries: number;
  /** Total size of the stored entries (their JSON), evicted least recently used first. */
  maxBytes: number;
}

export const defaultCacheSettings: CacheSettings = { ttlMs: 24 * 60 * 60 * 1000, maxEntries: 1000, maxBytes: 20 * 1024 * 1024 };

export interface CacheEntry {
  key: string;
  provider: string;
  model: string;
  api: string;
  text: string;
  usage: NormalizedUsage;
  createdAt: number;
  lastUsedAt: number;
}

export const cacheFileName = 'responseCache.json';

interface StoredEntry extends CacheEntry {
  bytes: number;
}

export class ResponseCache {
  /** Map iteration order is the LRU order: least recently used first. */
  private readonly entries = new Map<string, StoredEntry>();
  private bytes = 0;

  private constructor(private readonly file: string, readonly settings: CacheSettings, private readonly clock: Clock) {}

  /** Loads the cache persisted in `dir`; a missing or unreadable file starts an empty cache. */
  static open(dir: string, settings: CacheSettings, clock: Clock): ResponseCache {
    const cache = new ResponseCache(path.join(dir, cacheFileName), settings, clock);
    let stored: unknown;
    try {
      stored = JSON.parse(fs.readFileSync(cache.file, 'utf8'));
    } catch {
      stored = undefined;
    }
    const list = (stored as { v?: number; entries?: CacheEntry[] } | undefined)?.entries;
    if (Array.isArray(list)) for (const e of list) if (e && typeof e.key === 'string' && !cache.expired(e)) cache.insert(e);
    cache.evict();
    return cache;
  }

  get size(): number {
    return this.entries.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  private expired(e: CacheEntry): boolean {
    return this.clock.now() - e.createdAt >= this.settings.ttlMs;
  }

  private insert(e: CacheEntry): void {
    const entry: StoredEntry = { ...e, bytes: Buffer.byteLength(JSON.stringify(e)) };
    this.remove(e.key);
    this.entries.set(e.key, entry);
    this.bytes += entry.bytes;
  }

  private remove(key: string): void {
    const old = this.entries.get(key);
    if (!old) return;
    this.entries.delete(key);
    this.bytes -= old.bytes;
  }

  private evict(): void {
    for (const [key] of this.entries) {
      if (this.entries.size <= this.settings.maxEntries && this.bytes <= this.settings.maxBytes) break;
      this.remove(key);
    }
  }

  get(key: string): CacheEntry | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (this.expired(e)) {
      this.remove(key);
      return undefined;
    }
    this.entries.delete(key);
    e.lastUsedAt = this.clock.now();
    this.entries.set(key, e);
    const { bytes: _bytes, ...entry } = e;
    return entry;
  }

  set(entry: Omit<CacheEntry, 'createdAt' | 'lastUsedAt'>): void {
    const now = this.clock.now();
    this.insert({ ...entry, createdAt: now, lastUsedAt: now });
    this.evict();
    this.persist();
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }

  private persist(): void {
    const entries = [...this.entries.values()].map(({ bytes: _bytes, ...e }) => e);
    writeFileAtomicSync(this.file, JSON.stringify({ v: 1, entries }));
  }
}
