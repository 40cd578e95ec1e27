// The `tokenwise` command line: the same core as the extension, no VS Code.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { version } from '../../package.json';
import { ExitCode, UsageError, type CliCommand, type CliIo } from './cliCommand';
import { costCommand } from './commands/cost';
import { countCommand } from './commands/count';
import { optimizeCommand } from './commands/optimize';
import { priceCommand } from './commands/price';
import { pricesCommand } from './commands/prices';
import { proxyCommand } from './commands/proxy';
import { scanCommand } from './commands/scan';

/** Every subcommand, in the order `--help` lists them. */
const commands: CliCommand[] = [scanCommand, optimizeCommand, countCommand, priceCommand, pricesCommand, costCommand, proxyCommand];

function usage(): string {
  const rows: [string, string][] = [
    ...commands.map((c): [string, string] => [c.name, c.summary]),
    ['--version', 'print the version'],
    ['--help', "print this help; tokenwise <command> --help for a command's options"],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  return `tokenwise ${version}: token counts and cost of the LLM calls in your code

Usage:
${rows.map(([name, summary]) => `  tokenwise ${name.padEnd(width)}  ${summary}`).join('\n')}
`;
}

export function nodeIo(): CliIo {
  return {
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    readInput: async (p) => (p === '-' ? readStdin() : fs.promises.readFile(path.resolve(p), 'utf8')),
    cwd: process.cwd(),
    env: process.env,
  };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function main(argv: string[], io: CliIo = nodeIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v') {
    io.out(version);
    return ExitCode.Ok;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return ExitCode.Ok;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`tokenwise: unknown command "${name}"\n\n${usage()}`);
    return ExitCode.Usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.usage);
    return ExitCode.Ok;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`tokenwise ${name}: ${error.message}`);
      return ExitCode.Usage;
    }
    io.err(`tokenwise ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return ExitCode.Usage;
  }
}

if (require.main === module) {
  // `tokenwise scan | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  void main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
