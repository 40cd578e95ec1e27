// OpenAI renders function tools into the prompt as a TypeScript namespace, not as JSON. The
// layout follows hmarr/openai-chat-tokens (each constant checked there against the live API),
// with one change for current models found on token-truth oa-23/24 (gpt-4o-mini-2024-07-18):
// descriptions of nested properties ARE rendered and nested lines are not indented; only the
// closing brace of a nested object is (OpenAI's harmony renderer for gpt-oss indents it too).
// The nested rule rests on that one tool set; see docs/tokens.md.
import type { ToolDefinition } from '../request/llmRequest';

type Schema = Record<string, unknown>;

function asSchema(value: unknown): Schema | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Schema) : undefined;
}

function properties(schema: Schema): [string, Schema][] {
  const props = asSchema(schema['properties']);
  if (!props) return [];
  return Object.entries(props).map(([key, value]) => [key, asSchema(value) ?? {}]);
}

function formatProperties(schema: Schema): string {
  const required = Array.isArray(schema['required']) ? (schema['required'] as unknown[]) : [];
  const lines: string[] = [];
  for (const [name, prop] of properties(schema)) {
    if (typeof prop['description'] === 'string') lines.push(`// ${prop['description']}`);
    lines.push(`${name}${required.includes(name) ? '' : '?'}: ${formatType(prop)},`);
  }
  return lines.join('\n');
}

function formatType(prop: Schema): string {
  if (Array.isArray(prop['anyOf'])) return prop['anyOf'].map((v) => formatType(asSchema(v) ?? {})).join(' | ');
  if (Array.isArray(prop['enum'])) return prop['enum'].map((v) => (typeof v === 'string' ? `"${v}"` : String(v))).join(' | ');
  switch (prop['type']) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'null':
      return prop['type'];
    case 'integer':
      return 'number';
    case 'object':
      return properties(prop).length > 0 ? `{\n${formatProperties(prop)}\n    }` : 'object';
    case 'array': {
      const items = asSchema(prop['items']);
      return items ? `${formatType(items)}[]` : 'any[]';
    }
    default:
      return 'any';
  }
}

/** The hidden prompt text OpenAI builds from function tools. */
export function renderOpenAiTools(tools: readonly ToolDefinition[]): string {
  const lines = ['namespace functions {', ''];
  for (const tool of tools) {
    if (tool.description) lines.push(`// ${tool.description}`);
    const params = tool.parameters ?? {};
    if (properties(params).length > 0) {
      lines.push(`type ${tool.name} = (_: {`, formatProperties(params), '}) => any;');
    } else {
      lines.push(`type ${tool.name} = () => any;`);
    }
    lines.push('');
  }
  lines.push('} // namespace functions');
  return lines.join('\n');
}
