import type { Provider } from '../request/llmRequest';

/** The environment variables each provider's SDK reads its key from. */
export const keyEnvVar: Record<Provider, string> = { openai: 'OPENAI_API_KEY', anthropic: 'ANTHROPIC_API_KEY' };

export const providerLabel: Record<Provider, string> = { openai: 'OpenAI', anthropic: 'Anthropic' };

/**
 * A problem with a pasted key's shape, or undefined when it looks right. Only a hint: OpenAI keys
 * start with `sk-` (sk-proj-, sk-svcacct-, ...), Anthropic keys with `sk-ant-`; pasting one
 * provider's key as the other's is the common mistake. Never echoes the key.
 */
export function keyFormatProblem(provider: Provider, key: string): string | undefined {
  const k = key.trim();
  if (k.length === 0) return 'The key is empty.';
  if (/\s/.test(k)) return 'The key contains spaces or line breaks.';
  if (k.length < 20) return 'The key is too short to be a real key.';
  if (provider === 'openai' && k.startsWith('sk-ant-')) return 'This looks like an Anthropic key, not an OpenAI key.';
  if (provider === 'anthropic' && !k.startsWith('sk-ant-')) return 'Anthropic keys start with "sk-ant-".';
  if (provider === 'openai' && !k.startsWith('sk-')) return 'OpenAI keys start with "sk-".';
  return undefined;
}
