import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { builtinCatalog, CatalogError, createCatalog, priceProvenance } from './catalog';
import type { Catalog } from './catalog';
import { describeIssues, modelEntrySchema } from './catalogSchema';
import type { ModelEntry } from './catalogSchema';

// The user's price overlay: entries that `tokenwise prices update` added or changed, stored
// outside the extension so an update survives reinstalls and needs no new release. An entry
// in the overlay replaces the built-in entry with the same id.

export const overlayFormat = 'tokenwise-prices';

const overlaySchema = z
  .object({
    format: z.literal(overlayFormat),
    version: z.literal(1),
    models: z.array(modelEntrySchema),
  })
  .strict();

/** The overlay file is unreadable or invalid; the built-in catalog is used instead. */
export class OverlayError extends Error {}

/**
 * Where the overlay lives: $TOKENWISE_PRICES_FILE, else $XDG_CONFIG_HOME/tokenwise/prices.json,
 * else ~/.config/tokenwise/prices.json (the XDG default, also used on macOS and Windows so one
 * path works everywhere for the CLI and the extension).
 */
export function defaultOverlayPath(env: Record<string, string | undefined>, homeDir: string): string {
  if (env.TOKENWISE_PRICES_FILE) return env.TOKENWISE_PRICES_FILE;
  const configHome = env.XDG_CONFIG_HOME || path.join(homeDir, '.config');
  return path.join(configHome, 'tokenwise', 'prices.json');
}

/** defaultOverlayPath for this user: the home directory from $HOME, else the OS. */
export function userOverlayPath(env: Record<string, string | undefined>): string {
  return defaultOverlayPath(env, env.HOME || os.homedir());
}

/** The entries of `merged` that differ from (or are missing in) `base`: what an overlay must store. */
export function overlayEntries(base: Catalog, merged: Catalog): ModelEntry[] {
  const byId = new Map(base.models.map((m) => [m.id, m]));
  return merged.models.filter((m) => !isDeepStrictEqual(byId.get(m.id), m));
}

export function serializeOverlay(entries: readonly ModelEntry[]): string {
  return `${JSON.stringify({ format: overlayFormat, version: 1, models: entries }, null, 2)}\n`;
}

/**
 * `base` with the overlay's entries replacing or adding to it, except where the base entry's
 * prices are newer than the overlay's; throws OverlayError on invalid input.
 */
export function applyOverlay(base: Catalog, overlayJson: unknown): Catalog {
  const parsed = overlaySchema.safeParse(overlayJson);
  if (!parsed.success) throw new OverlayError(`invalid price overlay: ${describeIssues(parsed.error)}`);
  const entries = new Map(base.models.map((m) => [m.id, m]));
  for (const entry of parsed.data.models) {
    // An overlay written before a release that updated the built-in prices must not bring older prices back.
    const builtIn = entries.get(entry.id);
    if (builtIn && priceProvenance(builtIn).asOf > priceProvenance(entry).asOf) continue;
    entries.set(entry.id, entry);
  }
  try {
    return createCatalog([...entries.values()]);
  } catch (error) {
    throw new OverlayError(error instanceof CatalogError ? error.message.replace('pricing catalog', 'price overlay') : String(error));
  }
}

export interface LoadedCatalog {
  catalog: Catalog;
  /** True when an overlay file was found and applied. */
  overlayApplied: boolean;
  /** Why the overlay was ignored (the built-in catalog is used then). */
  overlayError?: string;
}

/** The built-in catalog plus the overlay at `overlayPath`, if there is one. A bad overlay never hides the built-in prices. */
export async function loadCatalogWithOverlay(overlayPath: string, baseCatalog?: Catalog): Promise<LoadedCatalog> {
  let text: string;
  // Built after the read, not as a default parameter: validating the built-in catalog takes tens of
  // milliseconds, which must not run synchronously inside the caller (the extension's activate()).
  let base: Catalog;
  try {
    text = await fs.promises.readFile(overlayPath, 'utf8');
    base = baseCatalog ?? builtinCatalog();
  } catch (error) {
    base = baseCatalog ?? builtinCatalog();
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { catalog: base, overlayApplied: false };
    return { catalog: base, overlayApplied: false, overlayError: `cannot read price overlay ${overlayPath}: ${(error as Error).message}` };
  }
  try {
    return { catalog: applyOverlay(base, JSON.parse(text)), overlayApplied: true };
  } catch (error) {
    const reason = error instanceof SyntaxError ? `invalid JSON: ${error.message}` : (error as Error).message;
    return { catalog: base, overlayApplied: false, overlayError: `${overlayPath}: ${reason}; using the built-in prices` };
  }
}

/** Writes the overlay atomically (temp file + rename), so a crash never leaves a half-written price file. */
export async function writeOverlay(overlayPath: string, entries: readonly ModelEntry[]): Promise<void> {
  await fs.promises.mkdir(path.dirname(overlayPath), { recursive: true });
  const temp = `${overlayPath}.${process.pid}.${Date.now()}.tmp`;
  await fs.promises.writeFile(temp, serializeOverlay(entries), 'utf8');
  await fs.promises.rename(temp, overlayPath);
}

/**
 * The catalog the CLI and the extension use: built-in prices plus the user's overlay at its
 * default location for this environment.
 */
export async function loadUserCatalog(env: Record<string, string | undefined>): Promise<LoadedCatalog & { overlayPath: string }> {
  const overlayPath = userOverlayPath(env);
  return { ...(await loadCatalogWithOverlay(overlayPath)), overlayPath };
}
