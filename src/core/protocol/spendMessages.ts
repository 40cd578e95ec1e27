import { z } from 'zod';

// Messages of the Spend view (sidebar) and the Spend dashboard (editor panel). The host
// aggregates the ledger and sends only what is drawn: bucketed series and top-N tables, never
// ledger records, so a million-record ledger costs the webview the same as a small one.

export const spendRanges = ['24h', '7d', '30d', '90d', 'all'] as const;
export const spendRangeSchema = z.enum(spendRanges);
export type SpendRange = z.infer<typeof spendRangeSchema>;

export const spendGranularitySchema = z.enum(['hour', 'day', 'week', 'month']);
/** 'auto' picks the bucket size from the range (hours for 24h, days up to 30d, weeks for 90d). */
export const spendBucketSchema = z.enum(['auto', 'hour', 'day', 'week', 'month']);
export type SpendBucket = z.infer<typeof spendBucketSchema>;

export const spendQuerySchema = z.object({ range: spendRangeSchema, bucket: spendBucketSchema });
export type SpendQuery = z.infer<typeof spendQuerySchema>;

export const spendExportFormatSchema = z.enum(['csv', 'json']);
export type SpendExportFormat = z.infer<typeof spendExportFormatSchema>;

const usd = z.number().finite();
const count = z.number().finite().nonnegative();

export const spendTotalsSchema = z.object({
  costUsd: usd,
  calls: count,
  attempts: count,
  unpriced: count,
  cacheHits: count,
  /** cacheHits / calls; 0 with no calls. */
  cacheHitRate: z.number().min(0).max(1),
  cacheSavingUsd: usd,
  /** Cached input tokens priced at the input price minus the cache-read price (today's catalog). */
  promptCacheSavingUsd: usd,
  retries: count,
  fallbacks: count,
  errors: count,
  inputTokens: count,
  cachedInputTokens: count,
  outputTokens: count,
});
export type SpendTotals = z.infer<typeof spendTotalsSchema>;

export const spendRowSchema = z.object({
  key: z.string(),
  costUsd: usd,
  calls: count,
  attempts: count,
  errors: count,
  /** Share of the range's spend, 0..1. */
  share: z.number().min(0).max(1),
});
export type SpendRow = z.infer<typeof spendRowSchema>;

const rows = z.array(spendRowSchema).max(50);
export const spendTableIds = ['provider', 'model', 'source', 'tag', 'error'] as const;
export type SpendTableId = (typeof spendTableIds)[number];

export const spendCapSchema = z.object({
  id: z.enum(['global-day', 'global-month', 'workspace-day', 'workspace-month']),
  label: z.string(),
  capUsd: usd,
  spentUsd: usd,
  fraction: z.number().finite().nonnegative(),
});
export type SpendCap = z.infer<typeof spendCapSchema>;

export const spendSnapshotSchema = z.object({
  query: spendQuerySchema,
  granularity: spendGranularitySchema,
  generatedAt: z.string(),
  /** No ledger record at all (not merely none in the range): the view shows how to start. */
  empty: z.boolean(),
  records: count,
  skippedLines: count,
  totals: spendTotalsSchema,
  series: z.object({
    /** Bucket starts, Unix seconds (uPlot's x unit). */
    start: z.array(z.number()),
    costUsd: z.array(usd),
    savingUsd: z.array(usd),
    calls: z.array(count),
    errors: z.array(count),
    retries: z.array(count),
  }),
  /** Top rows by spend, the rest folded into one "other" row. */
  tables: z.object({ provider: rows, model: rows, source: rows, tag: rows, error: rows }),
  budget: z.object({ caps: z.array(spendCapSchema), hardStop: z.boolean(), todayUsd: usd, monthUsd: usd }),
  /** How numbers were derived, for the footnote (e.g. what prompt-cache savings assume). */
  notes: z.array(z.string()),
});
export type SpendSnapshot = z.infer<typeof spendSnapshotSchema>;

export const spendSurfaceSchema = z.enum(['sidebar', 'panel']);
export type SpendSurface = z.infer<typeof spendSurfaceSchema>;

export const spendToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('spendQuery'), query: spendQuerySchema }),
  z.object({ type: z.literal('spendExport'), format: spendExportFormatSchema }),
  z.object({ type: z.literal('spendAction'), action: z.enum(['openDashboard', 'openPlayground', 'openSettings']) }),
]);
export type SpendToHost = z.infer<typeof spendToHostSchema>;

export const spendToWebviewSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('spendSnapshot'), surface: spendSurfaceSchema, snapshot: spendSnapshotSchema }),
  z.object({ type: z.literal('spendExported'), format: spendExportFormatSchema, path: z.string() }),
]);
export type SpendToWebview = z.infer<typeof spendToWebviewSchema>;
