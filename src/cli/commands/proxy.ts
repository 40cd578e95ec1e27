// `tokenwise proxy`: the local OpenAI/Anthropic-compatible proxy from the command line, with the
// same pipeline as the extension (cache, retries, breaker, ledger). Runs until SIGINT/SIGTERM.
import * as os from 'node:os';
import * as path from 'node:path';
import type { Logger } from '../../core/log/logger';
import { catalogPriceUsage } from '../../core/proxy/proxyPricing';
import { proxyEnvironment, type ProxyProvider } from '../../core/proxy/proxyRoutes';
import { ProxyBindError, startProxyServer } from '../../core/proxy/proxyServer';
import { Pipeline } from '../../core/runtime/pipeline';
import { Ledger } from '../../core/storage/ledger';
import { cliCatalog } from '../cliCatalog';
import { ExitCode, UsageError, type CliCommand, type CliIo } from '../cliCommand';
import { parseOptions } from '../options';

const usage = `Usage: tokenwise proxy [--port N] [--ledger DIR] [--upstream-openai URL] [--upstream-anthropic URL]

Serves an OpenAI- and Anthropic-compatible proxy on 127.0.0.1 that runs every call through the
Tokenwise optimizer (response cache, retries, circuit breaker) and records it in the spend ledger.
Point your app at it with the printed environment (base URLs, and the session token as the API key).
Upstream keys come from OPENAI_API_KEY and ANTHROPIC_API_KEY, or from the caller (x-tokenwise-upstream-key).
Stops on Ctrl+C (SIGINT) or SIGTERM.

Options:
  --port N                    port on 127.0.0.1 (default 8787; 0 picks a free port)
  --ledger DIR                ledger and response cache directory
                              (default $XDG_DATA_HOME/tokenwise/ledger, or ~/.local/share/tokenwise/ledger)
  --upstream-openai URL       OpenAI base URL, with /v1 (default https://api.openai.com/v1)
  --upstream-anthropic URL    Anthropic base URL, without /v1 (default https://api.anthropic.com)
`;

interface ProxyArgs {
  port: number;
  ledgerDir: string;
  upstreams: Partial<Record<ProxyProvider, string>>;
}

function httpUrl(value: string, flag: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return value;
  } catch {
    // reported below
  }
  throw new UsageError(`${flag} must be an http(s) URL, got "${value}"`);
}

export function defaultLedgerDir(env: Record<string, string | undefined>): string {
  const dataHome = env['XDG_DATA_HOME'] || path.join(env['HOME'] || os.homedir(), '.local', 'share');
  return path.join(dataHome, 'tokenwise', 'ledger');
}

function parseArgs(args: string[], io: CliIo): ProxyArgs {
  const { values, positionals } = parseOptions(args, {
    port: { type: 'string' }, ledger: { type: 'string' }, 'upstream-openai': { type: 'string' }, 'upstream-anthropic': { type: 'string' },
  });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const port = values.port === undefined ? 8787 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0-65535, got "${values.port}"`);
  return {
    port,
    ledgerDir: values.ledger ? path.resolve(io.cwd, values.ledger) : defaultLedgerDir(io.env),
    upstreams: {
      ...(values['upstream-openai'] ? { openai: httpUrl(values['upstream-openai'], '--upstream-openai') } : {}),
      ...(values['upstream-anthropic'] ? { anthropic: httpUrl(values['upstream-anthropic'], '--upstream-anthropic') } : {}),
    },
  };
}

function stderrLogger(io: CliIo): Logger {
  const line = (m: string): void => io.err(m);
  return { error: line, warn: line, info: line, debug: () => undefined, trace: () => undefined };
}

/** Resolves on the first SIGINT or SIGTERM. */
function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** Runs the proxy until `stop` resolves (a signal, or a test). */
export async function runProxy(args: string[], io: CliIo, stop: Promise<unknown>): Promise<number> {
  const { port, ledgerDir, upstreams } = parseArgs(args, io);
  const logger = stderrLogger(io);
  const keyVars: Record<string, string> = { openai: 'OPENAI_API_KEY', anthropic: 'ANTHROPIC_API_KEY' };
  const missing = Object.entries(keyVars).filter(([, v]) => !io.env[v]).map(([, v]) => v);
  if (missing.length) io.err(`note: ${missing.join(' and ')} not set: callers must send their own key in x-tokenwise-upstream-key`);
  const ledger = await Ledger.open({ dir: ledgerDir });
  const pipeline = new Pipeline({
    transports: [],
    priceUsage: catalogPriceUsage(await cliCatalog(io), (m) => logger.warn(m)),
    ledger,
    cache: { dir: ledgerDir },
    logger,
  });
  let proxy;
  try {
    proxy = await startProxyServer({ port, upstreams, pipeline: async () => pipeline, keys: { get: async (p) => io.env[keyVars[p] ?? ''] || undefined }, logger });
  } catch (error) {
    ledger.close();
    if (error instanceof ProxyBindError && error.code === 'port_in_use') throw new UsageError(`${error.message}: choose another with --port (0 picks a free port)`);
    throw error;
  }
  io.out(`Tokenwise proxy listening on ${proxy.url}`);
  io.out(`token: ${proxy.token}`);
  io.out(proxyEnvironment(proxy.url, proxy.token));
  io.err(`ledger: ${ledgerDir}\nStop with Ctrl+C.`);
  await stop;
  await proxy.close();
  ledger.close();
  io.err('Tokenwise proxy stopped.');
  return ExitCode.Ok;
}

export const proxyCommand: CliCommand = {
  name: 'proxy',
  summary: 'serve a local OpenAI/Anthropic-compatible proxy with caching, retries and spend tracking',
  usage,
  run: (args, io) => runProxy(args, io, untilSignal()),
};
