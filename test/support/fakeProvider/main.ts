// Standalone "Demo provider": `node out/test/support/fakeProvider/main.js [--port 8787]`.
// Point the playground (or any SDK) at it: OpenAI baseURL http://127.0.0.1:<port>/v1, Anthropic
// baseURL http://127.0.0.1:<port>, any non-empty key. Send `x-fake-fault: 529` (or 429;retry-after=2,
// reset, delay=2000, malformed, truncate) to see the optimizer's retry and fallback at work.
import { startFakeProvider } from './fakeProviderServer';

function portArg(argv: readonly string[]): number {
  const i = argv.indexOf('--port');
  const value = i >= 0 ? argv[i + 1] : process.env['TOKENWISE_FAKE_PROVIDER_PORT'];
  const port = Number(value ?? 0);
  return Number.isInteger(port) && port >= 0 && port < 65536 ? port : 0;
}

async function main(): Promise<void> {
  const server = await startFakeProvider({ port: portArg(process.argv.slice(2)), onLog: (line) => console.log(line) });
  console.log(`Demo provider listening on ${server.baseUrl} (OpenAI baseURL ${server.openaiBaseUrl}, Anthropic baseURL ${server.baseUrl})`);
  const stop = (): void => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
