// `tokenwise count [FILE|-] --model M [--json]`: tokens of a text file as plain input (no chat
// framing), exact for OpenAI models and a banded estimate for Claude.
import { countText } from '../../core/tokens/countTokens';
import { ExitCode, UsageError, type CliCommand } from '../cliCommand';
import { parseOptions } from '../options';

const usage = `Usage: tokenwise count [FILE|-] --model MODEL [--json]

Counts the tokens of FILE (or standard input for "-" or no FILE) as plain text, with no chat
framing. OpenAI models are counted exactly with their own encoding; Claude models have no
public tokenizer and are estimated, with a low-high band.

Options:
  --model MODEL   model id, e.g. gpt-4o, gpt-5.4, claude-sonnet-4-5 (required)
  --json          print {"model","tokens","exact"} (plus "band" for estimates) as JSON
`;

function parseArgs(args: string[]): { input: string; model: string; json: boolean } {
  const { values, positionals } = parseOptions(args, { model: { type: 'string' }, json: { type: 'boolean' } });
  if (!values.model) throw new UsageError('--model is required (e.g. --model gpt-4o)');
  if (positionals.length > 1) throw new UsageError(`one input at a time, got ${positionals.length}`);
  return { input: positionals[0] ?? '-', model: values.model, json: values.json ?? false };
}

export const countCommand: CliCommand = {
  name: 'count',
  summary: 'count the tokens of a file or stdin for a model',
  usage,
  async run(args, io) {
    const { input, model, json } = parseArgs(args);
    let text: string;
    try {
      text = await io.readInput(input);
    } catch (error) {
      throw new UsageError(`cannot read ${input === '-' ? 'standard input' : input}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const count = countText(text, model);
    for (const note of count.notes) io.err(`note: ${note}`);
    if (json) {
      io.out(JSON.stringify({ model, tokens: count.tokens, exact: count.exact, ...(count.band ? { band: count.band } : {}) }));
    } else if (count.exact) {
      io.out(`${count.tokens} tokens (${model}, ${count.encoding}, exact)`);
    } else {
      const band = count.band ? `, ${count.band.low}-${count.band.high}` : '';
      io.out(`~${count.tokens} tokens (${model}, estimate${band})`);
    }
    return ExitCode.Ok;
  },
};
