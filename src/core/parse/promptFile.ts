// Prompt files: Prompty (.prompty), Dotprompt (.prompt), and Markdown/text prompts in a `prompts`
// folder. They carry a request without code, so they get the same CallSite shape (api 'prompt-file').
import type { LlmRequest, Provider, RequestMessage } from '../request/llmRequest';
import type { CallSite, ScanResult, SourcedPart } from './callSite';

type Yaml = string | number | boolean | null | Yaml[] | { [key: string]: Yaml };

function scalar(raw: string): Yaml {
  const text = raw.replace(/\s+#.*$/, '').trim();
  if (/^".*"$/.test(text)) return text.slice(1, -1).replace(/\\"/g, '"').replace(/\\n/g, '\n');
  if (/^'.*'$/.test(text)) return text.slice(1, -1).replace(/''/g, "'");
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'null' || text === '~' || text === '') return null;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
}

/**
 * The small YAML subset prompt front matter uses: nested maps by indentation, scalars, `- item`
 * lists of scalars and `|` / `>` block scalars. Anything else is skipped rather than rejected.
 */
export function parseFrontMatter(source: string): Record<string, Yaml> {
  const root: Record<string, Yaml> = {};
  const stack: { indent: number; map: Record<string, Yaml> }[] = [{ indent: -1, map: root }];
  const lines = source.split(/\r?\n/);
  let lastKey: { map: Record<string, Yaml>; key: string; indent: number } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    const indent = line.length - line.trimStart().length;
    const item = /^\s*-\s+(.*)$/.exec(line);
    if (item && lastKey && indent >= lastKey.indent) {
      const current = lastKey.map[lastKey.key];
      const list = Array.isArray(current) ? current : [];
      list.push(scalar(item[1]));
      lastKey.map[lastKey.key] = list;
      continue;
    }
    const pair = /^\s*([^:#]+?)\s*:(?:\s+(.*))?$/.exec(line);
    if (!pair) continue;
    while (stack.length > 1 && stack[stack.length - 1].indent >= indent) stack.pop();
    const map = stack[stack.length - 1].map;
    const key = pair[1].replace(/^["']|["']$/g, '');
    const value = pair[2]?.trim() ?? '';
    if (/^[|>][-+]?$/.test(value)) {
      const block: string[] = [];
      while (i + 1 < lines.length && (!lines[i + 1].trim() || lines[i + 1].length - lines[i + 1].trimStart().length > indent)) {
        block.push(lines[++i]);
      }
      const common = Math.min(...block.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
      map[key] = block.map((l) => l.slice(Number.isFinite(common) ? common : 0)).join(value.startsWith('>') ? ' ' : '\n').trim();
      lastKey = undefined;
    } else if (value === '') {
      const child: Record<string, Yaml> = {};
      map[key] = child;
      stack.push({ indent, map: child });
      lastKey = { map, key, indent };
    } else {
      map[key] = scalar(value);
      lastKey = undefined;
    }
  }
  return root;
}

function get(obj: Yaml | undefined, ...path: string[]): Yaml | undefined {
  let cur: Yaml | undefined = obj;
  for (const key of path) {
    if (!cur || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

function str(v: Yaml | undefined): string | undefined {
  return typeof v === 'string' && v ? v : undefined;
}

function num(v: Yaml | undefined): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

/** Splits template text into literal text and `{{ placeholder }}` parts; `{% tags %}` cost nothing. */
function templateParts(text: string, offset: number): SourcedPart[] {
  const parts: SourcedPart[] = [];
  const re = /\{\{-?\s*([\s\S]*?)\s*-?\}\}|\{%[\s\S]*?%\}/g;
  let last = 0;
  const pushText = (from: number, to: number): void => {
    if (to > from) parts.push({ kind: 'text', text: text.slice(from, to), range: { start: offset + from, end: offset + to } });
  };
  for (let m = re.exec(text); m; m = re.exec(text)) {
    pushText(last, m.index);
    last = m.index + m[0].length;
    if (m[1] === undefined) continue;
    if (/^media\b/.test(m[1])) parts.push({ kind: 'image' });
    else parts.push({ kind: 'placeholder', name: m[1] });
  }
  pushText(last, text.length);
  return parts;
}

/** Role markers: Prompty's `system:` lines (optionally `# system:`) and Dotprompt's `{{role "system"}}`. */
function roleAt(line: string): string | undefined {
  const prompty = /^\s*#?\s*(system|user|assistant|developer)\s*:\s*$/i.exec(line);
  if (prompty) return prompty[1].toLowerCase();
  const dotprompt = /^\s*\{\{\s*role\s+["'](\w+)["']\s*\}\}\s*$/.exec(line);
  return dotprompt?.[1].toLowerCase();
}

function messagesOf(body: string, offset: number, defaultRole: string): RequestMessage[] {
  const messages: RequestMessage[] = [];
  let role = defaultRole;
  let chunkStart = 0;
  const flush = (end: number): void => {
    const raw = body.slice(chunkStart, end);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (text) messages.push({ role, blocks: [{ parts: templateParts(text, offset + chunkStart + lead) }] });
  };
  let pos = 0;
  for (const line of body.split('\n')) {
    const marker = roleAt(line.replace(/\r$/, ''));
    if (marker) {
      flush(pos);
      role = marker;
      chunkStart = pos + line.length + 1;
    }
    pos += line.length + 1;
  }
  flush(body.length);
  return messages;
}

function providerFor(model: string | undefined, hint: string | undefined): Provider {
  return /claude|anthropic/i.test(`${model ?? ''} ${hint ?? ''}`) ? 'anthropic' : 'openai';
}

/** Scans a .prompty / .prompt / prompts-folder Markdown file into one call site. */
export function scanPromptFile(text: string, fileName: string): ScanResult {
  const fm = /^(?:\uFEFF)?---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  const meta = fm ? parseFrontMatter(fm[1]) : {};
  const bodyStart = fm ? fm[0].length : 0;
  const isPrompty = fileName.toLowerCase().endsWith('.prompty');
  const modelMeta = get(meta, 'model');
  let model: string | undefined;
  let hint: string | undefined;
  if (isPrompty) {
    model = str(get(modelMeta, 'configuration', 'name')) ?? str(get(modelMeta, 'configuration', 'azure_deployment')) ?? str(get(modelMeta, 'configuration', 'model'));
    hint = str(get(modelMeta, 'configuration', 'type'));
  } else {
    const written = str(modelMeta);
    hint = written;
    // Dotprompt names models `plugin/model`; the plugin tells the provider, the rest is the id.
    model = written?.replace(/^(openai|anthropic|azure|vertexai\/anthropic)\//i, '');
  }
  const params = isPrompty ? get(modelMeta, 'parameters') : get(meta, 'config');
  const provider = providerFor(model, hint);
  const request: LlmRequest = {
    provider,
    api: 'prompt-file',
    model: model ?? null,
    messages: messagesOf(text.slice(bodyStart), bodyStart, isPrompty ? 'system' : 'user'),
  };
  const maxTokens = num(get(params, 'max_tokens')) ?? num(get(params, 'maxOutputTokens')) ?? num(get(params, 'max_completion_tokens'));
  if (maxTokens !== undefined) request.maxOutputTokens = maxTokens;
  const temperature = num(get(params, 'temperature'));
  if (temperature !== undefined) request.temperature = temperature;
  if (provider === 'anthropic') {
    // Anthropic takes the system prompt outside the messages.
    const system = request.messages.filter((m) => m.role === 'system');
    if (system.length) {
      request.system = system.flatMap((m) => m.blocks);
      request.messages = request.messages.filter((m) => m.role !== 'system');
    }
  }
  const site: CallSite = {
    provider,
    api: 'prompt-file',
    range: { start: 0, end: text.length },
    line: 1,
    column: 1,
    callRange: { start: 0, end: text.length },
    request,
    modelSource: model ? 'front-matter' : null,
    inLoop: false,
    messagesRange: { start: bodyStart, end: text.length },
  };
  if (!model) site.modelNullReason = 'unknown';
  return { calls: [site], diagnostics: [] };
}

