import type { CliIo } from '../../src/cli/cliCommand';

/** A CliIo that records what a command printed. */
export function memoryIo(input: Record<string, string> = {}, cwd = '/'): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out(text: string) { io.stdout += text.endsWith('\n') ? text : `${text}\n`; },
    err(text: string) { io.stderr += text.endsWith('\n') ? text : `${text}\n`; },
    readInput: async (p: string) => {
      if (p in input) return input[p] as string;
      throw new Error(`ENOENT: no such file, open '${p}'`);
    },
    cwd,
    env: {},
  };
  return io;
}
