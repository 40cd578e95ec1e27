// How Tokenwise writes numbers for people: the CodeLens, hovers, reports and the CLI all use
// these, so a cost reads the same everywhere.

const tokenFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 1234 -> "1,234". */
export function formatTokens(n: number): string {
  return tokenFormat.format(n);
}

/**
 * Dollars with enough digits to tell calls apart: per-call costs are often fractions of a
 * cent, so small amounts keep two significant digits past the leading zeros
 * ($0.0093, $0.00012), larger ones are rounded to cents ($12.35) or whole dollars ($560).
 */
export function formatUsd(usd: number): string {
  if (!Number.isFinite(usd)) return '$?';
  const sign = usd < 0 ? '-' : '';
  const v = Math.abs(usd);
  if (v === 0) return '$0';
  if (v >= 100) return `${sign}$${Math.round(v).toLocaleString('en-US')}`;
  if (v >= 1) return `${sign}$${v.toFixed(2)}`;
  const digits = v >= 0.01 ? 4 : Math.min(10, 1 - Math.floor(Math.log10(v)));
  return `${sign}$${trimZeros(v.toFixed(digits))}`;
}

/** Drops trailing zeros but keeps cents: "0.5000" -> "0.50", "0.00930" -> "0.0093". */
function trimZeros(s: string): string {
  return s.replace(/(\.\d\d\d*?)0+$/, '$1');
}

/**
 * Dollars to the 1e-8, for reconciling a bill (`tokenwise cost`): "$0.0123", "$12.35",
 * "$0.00000075". Display surfaces use formatUsd.
 */
export function formatUsdExact(usd: number): string {
  if (usd === 0) return '$0';
  if (Math.abs(usd) >= 1) return `$${usd.toFixed(2)}`;
  const [whole, decimals = ''] = usd.toFixed(8).replace(/0+$/, '').split('.');
  return `$${whole}.${decimals.padEnd(2, '0')}`;
}
