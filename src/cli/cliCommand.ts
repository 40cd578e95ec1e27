// One `tokenwise <name>` subcommand. Each lives in src/cli/commands/<name>.ts and is listed in
// src/cli/main.ts. Output goes through `io` so tests can capture it and exit codes stay explicit.

export interface CliIo {
  /** Normal output (reports, JSON): stdout. */
  out(text: string): void;
  /** Progress, warnings and errors: stderr. */
  err(text: string): void;
  /** Reads a file or, for "-", standard input. */
  readInput(pathOrDash: string): Promise<string>;
  cwd: string;
  env: Record<string, string | undefined>;
}

/** Exit codes: 0 ok, 1 the check failed (e.g. --fail-on-cost exceeded), 2 bad usage or input. */
export const ExitCode = { Ok: 0, CheckFailed: 1, Usage: 2 } as const;

export interface CliCommand {
  name: string;
  /** One line for `tokenwise --help`. */
  summary: string;
  /** Full usage text for `tokenwise <name> --help`. */
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** Raised for bad arguments or unreadable input; main prints the message and exits 2. */
export class UsageError extends Error {}
