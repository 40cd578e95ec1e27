// A deterministic stand-in for a model tokenizer (the real ones are injected by the caller): one
// token per word, per punctuation character, per line break and per run of 2+ spaces, so every
// transform (whitespace included) has a measurable effect.
export function countTestTokens(text: string): number {
  return text.match(/[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]|\n| {2,}|\t/gu)?.length ?? 0;
}
