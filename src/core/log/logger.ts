/**
 * What core code may log through. The host backs it with VS Code's LogOutputChannel, the CLI
 * with stderr, tests with an array. Never pass secrets: callers redact before logging.
 */
export interface Logger {
  error(message: string, ...args: unknown[]): void;
  warn(message: string, ...args: unknown[]): void;
  info(message: string, ...args: unknown[]): void;
  debug(message: string, ...args: unknown[]): void;
  trace(message: string, ...args: unknown[]): void;
}
