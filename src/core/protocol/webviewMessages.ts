import { z } from 'zod';
import { playgroundToHostSchema, playgroundToWebviewSchema } from './playgroundMessages';
import { spendToHostSchema, spendToWebviewSchema } from './spendMessages';

// Every message between the extension host and a webview is one of these, checked with zod on
// both sides: a webview is a separate, untrusted-by-default JavaScript context, and an
// unchecked payload is how a UI silently breaks when one side changes.

export const viewIds = ['playground', 'spend'] as const;
export const viewIdSchema = z.enum(viewIds);
export type ViewId = z.infer<typeof viewIdSchema>;

/** Commands a webview may ask the host to run (an allowlist, never arbitrary ids). */
export const webviewCommandSchema = z.enum(['tokenwise.showLog']);

export const webviewToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), view: viewIdSchema }),
  z.object({ type: z.literal('runCommand'), command: webviewCommandSchema }),
  ...playgroundToHostSchema.options,
  ...spendToHostSchema.options,
]);
export type WebviewToHost = z.infer<typeof webviewToHostSchema>;

export const statusSchema = z.object({
  type: z.literal('status'),
  view: viewIdSchema,
  version: z.string(),
  /** Whether the workspace is trusted: requests, the proxy and .env reading need trust. */
  trusted: z.boolean(),
  /** Short lines describing what this view can do right now, already written for the user. */
  lines: z.array(z.string()),
});

export const hostToWebviewSchema = z.discriminatedUnion('type', [statusSchema, ...playgroundToWebviewSchema.options, ...spendToWebviewSchema.options]);
export type HostToWebview = z.infer<typeof hostToWebviewSchema>;
