import * as path from 'node:path';
import { ExitCode, UsageError } from '../cliCommand';
import type { CliCommand, CliIo } from '../cliCommand';
import { builtinCatalog, listModels } from '../../core/pricing/catalog';
import { LiteLLMFormatError, mergeLiteLLM } from '../../core/pricing/mergeLiteLLM';
import type { MergeResult } from '../../core/pricing/mergeLiteLLM';
import { loadCatalogWithOverlay, overlayEntries, userOverlayPath, writeOverlay } from '../../core/pricing/overlay';
import { cliCatalog } from '../cliCatalog';
import { parseOptions } from '../options';

const isUrl = (from: string) => /^https?:\/\//i.test(from);

async function readSource(from: string, io: CliIo): Promise<string> {
  if (!isUrl(from)) return io.readInput(from);
  const response = await fetch(from, { signal: AbortSignal.timeout(60_000) });
  if (!response.ok) throw new UsageError(`GET ${from}: HTTP ${response.status}`);
  return response.text();
}

/** The date the file's prices are from: --as-of, else a YYYY-MM-DD in its name, else today (UTC). */
function asOfFor(from: string, explicit: string | undefined): string {
  const date = explicit ?? /\d{4}-\d{2}-\d{2}/.exec(path.basename(from))?.[0] ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) throw new UsageError(`--as-of must be a date YYYY-MM-DD, got "${date}"`);
  return date;
}

function report(result: MergeResult): string {
  const lines: string[] = [];
  for (const change of result.changes) {
    if (change.kind === 'added') lines.push(`  + ${change.model} (${change.provider}${change.snapshotOf ? `, snapshot of ${change.snapshotOf}` : ''})`);
    else lines.push(`  ~ ${change.model} ${change.field}: ${change.old ?? '(none)'} -> ${change.new}`);
  }
  for (const k of result.kept) lines.push(`  = ${k.model} ${k.field}: kept ${k.ours ?? '(none)'}, file says ${k.theirs} (${k.reason})`);
  for (const r of result.rejections) lines.push(`  ! rejected ${r.name}: ${r.reason}`);
  const added = result.changes.filter((c) => c.kind === 'added').length;
  lines.push(`${added} added, ${result.changes.length - added} changed, ${result.kept.length} kept, ${result.rejections.length} rejected`);
  return lines.join('\n');
}

async function update(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    from: { type: 'string' },
    out: { type: 'string' },
    'as-of': { type: 'string' },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (!values.from) throw new UsageError('--from FILE|URL is required');
  const asOf = asOfFor(values.from, values['as-of']);
  const outPath = values.out ? path.resolve(io.cwd, values.out) : userOverlayPath(io.env);
  let json: unknown;
  try {
    json = JSON.parse(await readSource(values.from, io));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${values.from}: ${error instanceof Error ? error.message : String(error)}`);
  }
  // Merge onto the current overlay at the destination, so earlier updates are kept.
  const current = await loadCatalogWithOverlay(outPath);
  if (current.overlayError) io.err(`warning: ${current.overlayError}`);
  let result: MergeResult;
  try {
    const source = `LiteLLM price file ${isUrl(values.from) ? values.from : path.basename(values.from)}`;
    result = mergeLiteLLM(current.catalog, json, { asOf, source });
  } catch (error) {
    if (error instanceof LiteLLMFormatError) throw new UsageError(error.message);
    throw error;
  }
  const entries = overlayEntries(builtinCatalog(), result.catalog);
  const write = !values['dry-run'];
  if (write) await writeOverlay(outPath, entries);
  if (values.json) {
    io.out(JSON.stringify({ overlayPath: outPath, written: write, asOf, overlayModels: entries.length, changes: result.changes, kept: result.kept, rejections: result.rejections }, null, 2));
  } else {
    io.out(report(result));
    io.out(write ? `wrote ${entries.length} model(s) to ${outPath}` : `dry run: ${outPath} not written`);
  }
  return ExitCode.Ok;
}

async function list(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(args, { json: { type: 'boolean' }, provider: { type: 'string' } });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const provider = values.provider;
  if (provider !== undefined && provider !== 'openai' && provider !== 'anthropic') throw new UsageError('--provider is openai or anthropic');
  const models = listModels(await cliCatalog(io), provider);
  if (values.json) io.out(JSON.stringify(models.map((m) => ({ id: m.id, provider: m.provider, status: m.lifecycle.status }))));
  else io.out(models.map((m) => `${m.provider.padEnd(10)} ${m.id}${m.lifecycle.status === 'active' ? '' : ` (${m.lifecycle.status})`}`).join('\n'));
  return ExitCode.Ok;
}

export const pricesCommand: CliCommand = {
  name: 'prices',
  summary: 'update the price catalog from a LiteLLM price file, or list the known models',
  usage: `Usage:
  tokenwise prices update --from FILE|URL [--out FILE] [--as-of YYYY-MM-DD] [--dry-run] [--json]
  tokenwise prices list [--provider openai|anthropic] [--json]

update merges a LiteLLM-format price file (model_prices_and_context_window.json) into the
catalog and writes the user overlay. Every entry is checked against the providers' price
rules; entries that break them are rejected and listed with the reason. Changed numbers
carry the file's name and date (--as-of, else a date in the file name, else today).

  --out FILE   overlay to write; default $TOKENWISE_PRICES_FILE, else
               $XDG_CONFIG_HOME/tokenwise/prices.json, else ~/.config/tokenwise/prices.json
  --dry-run    print what would change, write nothing
  --json       print the changes, rejections and kept figures as JSON

Exit codes: 0 ok (rejections are reported, not fatal), 2 unreadable file or bad usage.`,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === 'update') return update(rest, io);
    if (sub === 'list') return list(rest, io);
    throw new UsageError(sub === undefined ? 'expected a subcommand: update or list' : `unknown subcommand "${sub}"; expected update or list`);
  },
};
