// The per-session token and the caller's own provider key. The token goes where the SDKs put
// their API key, so the stock OpenAI and Anthropic clients work with nothing but a base URL and
// a key in their usual environment variables:
//   - `Authorization: Bearer <token>` (OpenAI SDK; Anthropic SDK 1.x) or `x-api-key: <token>`;
//   - or `x-tokenwise-token: <token>`, which frees the key headers for the caller's own provider key.
// The upstream key is, in order: `x-tokenwise-upstream-key`; a key header that is not the token
// (when the token came in x-tokenwise-token); else the proxy's own (SecretStorage or env).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const tokenHeader = 'x-tokenwise-token';
export const upstreamKeyHeader = 'x-tokenwise-upstream-key';
export const tagHeader = 'x-tokenwise-tag';
export const cacheHeader = 'x-tokenwise-cache';
/** Set on every upstream request; a request arriving with it went round in a loop (upstream URL = the proxy). */
export const loopHeader = 'x-tokenwise-proxied';

/** 192 random bits, URL-safe. Not shaped like a provider key, so it is never mistaken for one. */
export function newSessionToken(): string {
  return `tw-${randomBytes(24).toString('base64url')}`;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function one(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v === undefined ? undefined : v.trim();
}

export interface Credentials {
  ok: boolean;
  /** The caller's own provider key, when it sent one. */
  upstreamKey?: string;
}

export function readCredentials(headers: IncomingHttpHeaders, token: string): Credentials {
  const bearer = one(headers.authorization)?.replace(/^Bearer\s+/i, '');
  const apiKey = one(headers['x-api-key']);
  const explicit = one(headers[upstreamKeyHeader]) || undefined;
  const viaHeader = one(headers[tokenHeader]);
  if (viaHeader !== undefined) {
    if (!same(viaHeader, token)) return { ok: false };
    const own = [bearer, apiKey].find((k) => k && !same(k, token));
    return { ok: true, upstreamKey: explicit ?? own };
  }
  const ok = [bearer, apiKey].some((k) => k !== undefined && same(k, token));
  return ok ? { ok, ...(explicit ? { upstreamKey: explicit } : {}) } : { ok: false };
}

/** Headers never forwarded upstream: hop-by-hop (RFC 9110 section 7.6.1), framing the proxy redoes, and credentials. */
const dropped = new Set(['host', 'connection', 'keep-alive', 'proxy-authorization', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade',
  'content-length', 'content-type', 'accept-encoding', 'authorization', 'x-api-key', 'api-key', 'cookie']);

/** The caller's headers worth forwarding (anthropic-version, anthropic-beta, openai-organization, ...). */
export function forwardedHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined || dropped.has(k) || k.startsWith('x-tokenwise-')) continue;
    out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  out[loopHeader] = '1';
  return out;
}

/** The spend tag: printable, at most 100 characters. */
export function readTag(headers: IncomingHttpHeaders): string | undefined {
  const tag = one(headers[tagHeader])?.replace(/[^\x20-\x7e]/g, '').slice(0, 100);
  return tag || undefined;
}

/** `x-tokenwise-cache: true|false` opts a request in or out of the response cache. */
export function readCacheChoice(headers: IncomingHttpHeaders): boolean | undefined {
  const v = one(headers[cacheHeader])?.toLowerCase();
  return v === 'true' ? true : v === 'false' ? false : undefined;
}
