// The proxy asks OpenAI for usage in chat streams (stream_options.include_usage) so the ledger can
// price them, but a caller that did not ask for it must not see the extra last chunk: its `choices`
// is empty, and code reading `chunk.choices[0].delta` (common in apps and in examples) would throw
// on it. This filter passes the stream through event by event and drops only that chunk.

/** Whether one SSE event (its lines, without the blank separator line) is the usage-only chat chunk. */
function isUsageOnlyChunk(event: string): boolean {
  const data = event
    .split(/\r?\n/)
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice(5).trimStart())
    .join('\n');
  if (!data.startsWith('{')) return false;
  try {
    const chunk = JSON.parse(data) as { choices?: unknown; usage?: unknown };
    return Array.isArray(chunk.choices) && chunk.choices.length === 0 && typeof chunk.usage === 'object' && chunk.usage !== null;
  } catch {
    return false;
  }
}

const eventEnd = /\r?\n\r?\n/;

/** The stream's text as it arrives, minus the usage-only chunk; the upstream is read to its end either way. */
export async function* withoutUsageChunk(pieces: AsyncIterable<string>): AsyncGenerator<string> {
  let pending = '';
  for await (const piece of pieces) {
    pending += piece;
    let out = '';
    for (let m = eventEnd.exec(pending); m; m = eventEnd.exec(pending)) {
      const end = m.index + m[0].length;
      const event = pending.slice(0, m.index);
      if (!isUsageOnlyChunk(event)) out += pending.slice(0, end);
      pending = pending.slice(end);
    }
    if (out) yield out;
  }
  // A stream cut short ends with a partial event: the caller gets it as it came.
  if (pending && !isUsageOnlyChunk(pending)) yield pending;
}
