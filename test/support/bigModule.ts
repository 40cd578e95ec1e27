// A large TypeScript module for the scanner tests that need one: ordinary code with SDK calls spread through it.

/** A 2,000-line TypeScript module with 50 SDK calls among ordinary code. */
export function bigModule(): string {
  const lines = ["import OpenAI from 'openai';", 'const client = new OpenAI();', "const SYSTEM = 'You are a helpful assistant.';"];
  const filler = [
    'export function total(items: Item[], limit: number): number {',
    '  const sum = items.reduce((acc, item) => acc + item.price * item.quantity, 0);',
    '  if (sum > limit) {',
    "    logger.warn('over limit', { sum, limit });",
    '  }',
    '  return sum;',
    '}',
    '',
  ];
  for (let call = 0; lines.length < 2000; call++) {
    if (call < 50) {
      lines.push(
        `export async function ask${call}(question: string) {`,
        `  return client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: \`#${call}: \${question}\` }] });`,
        '}',
      );
    }
    lines.push(...filler, ...filler, ...filler);
  }
  return lines.slice(0, 2000).join('\n');
}
