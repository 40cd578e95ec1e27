// Exact money arithmetic. Prices are USD per 1M tokens with up to 6 decimals ($0.005/M for
// gpt-5-nano cached input, halved again by batch), so a float product such as
// 0.075 * 1234567 / 1e6 drifts. Costs are summed as integers in femto-dollars (1e-15 USD)
// with BigInt and converted to a float once, at the end.

/** A price in nano-dollars per 1M tokens (1e-9 USD / 1M tokens), exact for any 9-decimal price. */
const priceScale = 1e9;
/** nano-dollars per 1M tokens x tokens = femto-dollars (1e-15 USD). */
const femtoPerUsd = 10n ** 15n;

/** The exact cost of `tokens` at `usdPerMillion` x `multiplier`, in femto-dollars. */
export function costFemtoUsd(tokens: number, usdPerMillion: number, multiplier = 1): bigint {
  return BigInt(tokens) * BigInt(Math.round(usdPerMillion * multiplier * priceScale));
}

/** Femto-dollars as USD (the only rounding step). */
export function femtoToUsd(femto: bigint): number {
  return Number(femto / femtoPerUsd) + Number(femto % femtoPerUsd) / 1e15;
}
