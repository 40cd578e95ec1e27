// The `tokenwise` command line: the same core as the extension, no VS Code.
import { version } from '../../package.json';

const usage = `tokenwise ${version}: token counts and cost of the LLM calls in your code

Usage:
  tokenwise --version     print the version
  tokenwise --help        print this help
`;

export function main(argv: string[]): number {
  const [command] = argv;
  if (command === '--version' || command === '-v') {
    console.log(version);
    return 0;
  }
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    console.log(usage);
    return 0;
  }
  console.error(`tokenwise: unknown command "${command}"\n\n${usage}`);
  return 2;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
