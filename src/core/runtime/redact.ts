// API keys must never reach a log, the ledger, the cache or an error message. Provider error
// messages sometimes echo the key back (OpenAI's 401 says "Incorrect API key provided: sk-..."),
// so every text that leaves the runtime passes through here.

/** Shapes of provider keys: OpenAI `sk-...`/`sk-proj-...`, Anthropic `sk-ant-...`, bearer tokens. */
const keyPatterns: readonly RegExp[] = [
  /\bsk-[A-Za-z0-9_*-]{6,}/g,
  /\b(Bearer)\s+[A-Za-z0-9._~+/*-]{8,}=*/gi,
];

export const redactedMarker = '[REDACTED]';

/** Replaces each known secret (exact text) and anything shaped like a provider key. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    // Very short values would redact ordinary words; real keys are far longer.
    if (secret && secret.length >= 4) out = out.split(secret).join(redactedMarker);
  }
  for (const pattern of keyPatterns) {
    out = out.replace(pattern, (_match, bearer?: string) => (typeof bearer === 'string' && /^bearer$/i.test(bearer) ? `${bearer} ${redactedMarker}` : redactedMarker));
  }
  return out;
}
