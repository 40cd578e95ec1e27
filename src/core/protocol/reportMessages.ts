import { z } from 'zod';

// Messages between the host and the Analyze Workspace report panel, checked with zod on both
// sides like every other webview message (see webviewMessages.ts).

export const exportFormats = ['csv', 'json', 'markdown', 'sarif'] as const;
export const exportFormatSchema = z.enum(exportFormats);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

export const reportToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  /** Open a call's file at its line; `folder` indexes the workspace folders the report covered. */
  z.object({ type: z.literal('openCall'), file: z.string().min(1), line: z.number().int().positive(), column: z.number().int().positive(), cell: z.number().int().nonnegative().optional() }),
  z.object({ type: z.literal('export'), format: exportFormatSchema }),
]);
export type ReportToHost = z.infer<typeof reportToHostSchema>;

const reportCallSchema = z.object({
  file: z.string(),
  line: z.number(),
  column: z.number(),
  cell: z.number().optional(),
  provider: z.enum(['openai', 'anthropic']),
  api: z.string(),
  model: z.string().nullable(),
  modelSource: z.string(),
  inputTokens: z.number(),
  inputTokensExact: z.boolean(),
  outputTokens: z.number(),
  outputTokensAssumed: z.boolean(),
  costUsd: z.number().nullable(),
  callsPerDay: z.number().nullable(),
  monthlyUsd: z.number().nullable(),
});

export const reportDataSchema = z.object({
  root: z.string(),
  files: z.number(),
  calls: z.array(reportCallSchema),
  skipped: z.array(z.object({ file: z.string(), reason: z.string() })),
  totals: z.object({
    calls: z.number(),
    costUsd: z.number(),
    monthlyUsd: z.number(),
    unpricedCalls: z.number(),
    skippedFiles: z.number(),
    byModel: z.record(z.string(), z.object({ calls: z.number(), costUsd: z.number(), monthlyUsd: z.number() })),
  }),
});

export const hostToReportSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('report'), report: reportDataSchema, generatedAt: z.string() }),
  z.object({ type: z.literal('exported'), format: exportFormatSchema, path: z.string() }),
]);
export type HostToReport = z.infer<typeof hostToReportSchema>;
