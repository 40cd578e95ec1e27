import { parseArgs } from 'node:util';
import { UsageError } from './cliCommand';

type OptionSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;

/** node:util parseArgs, with its errors turned into UsageError (exit 2 with the message). */
export function parseOptions<T extends OptionSpec>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
