// Writing text back into a string literal in the literal's own quoting, so an edited prompt means
// exactly what the new text says. Unknown quoting returns undefined: no fix rather than a wrong one.

export interface LiteralStyle {
  quote: '`' | '"' | "'" | '"""' | "'''";
  /** Python f-string: braces are doubled. */
  fString: boolean;
  /** Python raw string: nothing can be escaped. */
  raw: boolean;
}

/** The quoting of the literal whose content starts at `contentStart`. */
export function literalStyleAt(text: string, contentStart: number, python: boolean): LiteralStyle | undefined {
  const three = text.slice(Math.max(0, contentStart - 3), contentStart);
  let quote: LiteralStyle['quote'];
  if (python && (three === '"""' || three === "'''")) quote = three;
  else {
    const one = text[contentStart - 1];
    if (one !== '`' && one !== '"' && one !== "'") return undefined;
    if (one === '`' && python) return undefined;
    quote = one;
  }
  let prefix = '';
  if (python) {
    const m = /[A-Za-z]*$/.exec(text.slice(Math.max(0, contentStart - quote.length - 3), contentStart - quote.length));
    prefix = (m?.[0] ?? '').toLowerCase();
  }
  return { quote, fString: prefix.includes('f'), raw: prefix.includes('r') };
}

/** The source form of `value` inside a literal of this style, or undefined when it cannot be written. */
export function escapeLiteral(value: string, style: LiteralStyle): string | undefined {
  if (style.raw) {
    // A raw string cannot escape its quote or a trailing backslash; only plain text fits.
    return value.includes(style.quote[0]) || value.endsWith('\\') || (style.quote.length === 1 && value.includes('\n')) ? undefined : value;
  }
  let out = value.replace(/\\/g, '\\\\');
  if (style.quote === '`') out = out.replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
  else if (style.quote.length === 3) out = out.split(style.quote).join(`\\${style.quote[0]}${style.quote.slice(1)}`).replace(new RegExp(`${style.quote[0]}$`), `\\${style.quote[0]}`);
  else out = out.split(style.quote).join(`\\${style.quote}`).replace(/\n/g, '\\n').replace(/\r/g, '\\r');
  if (style.fString) out = out.replace(/\{/g, '{{').replace(/\}/g, '}}');
  return out;
}
