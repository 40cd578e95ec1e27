// The Playground: compose a request (or receive one from a call site), see its tokens and
// worst-case cost before sending, run it (streamed) on one model or compare up to four, and see
// what the optimizer did. The host does all counting, pricing and running; this file only draws
// and collects input.
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import type { z } from 'zod';
import { formatTokens, formatUsd } from '../../core/format/numbers';
import type {
  Estimate, HistoryEntry, ModelOption, PlaygroundDraft, PlaygroundToWebview, RunOutcome, providerStateSchema,
} from '../../core/protocol/playgroundMessages';
import type { statusSchema } from '../../core/protocol/webviewMessages';
import { button, el } from '../dom';
import { renderStatus } from '../statusView';
import { vscode } from '../vscodeApi';

type ProviderState = z.infer<typeof providerStateSchema>;

interface Lane {
  model: string;
  text: string;
  outcome?: RunOutcome;
}

interface SavedState {
  draft: PlaygroundDraft;
  lanes: Lane[];
  compare: string[];
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g;

export function placeholderNames(draft: PlaygroundDraft): string[] {
  const names = new Set<string>();
  for (const text of [draft.system, ...draft.messages.map((m) => m.content)]) {
    for (const m of text.matchAll(PLACEHOLDER)) names.add(m[1] as string);
  }
  return [...names];
}

const defaultDraft = (model: ModelOption | undefined): PlaygroundDraft => ({
  provider: model?.provider ?? 'openai',
  model: model?.id ?? 'gpt-4o-mini',
  system: '',
  messages: [{ role: 'user', content: '' }],
  maxTokens: 512,
  temperature: 0,
  placeholders: {},
});

export class PlaygroundView {
  private models: ModelOption[] = [];
  private providers: ProviderState[] = [];
  private draft: PlaygroundDraft;
  private lanes: Lane[] = [];
  private compare: string[] = [];
  private runId: string | undefined;
  private history: HistoryEntry[] = [];
  private estimateTimer: ReturnType<typeof setTimeout> | undefined;
  private initialized = false;
  private from: string | undefined;

  constructor(private readonly root: HTMLElement) {
    const saved = vscode.getState() as SavedState | undefined;
    this.draft = saved?.draft ?? defaultDraft(undefined);
    this.lanes = saved?.lanes ?? [];
    this.compare = saved?.compare ?? [];
  }

  setStatus(message: z.infer<typeof statusSchema>): void {
    // Until the host offers models the view can only say what it knows.
    if (!this.initialized) renderStatus(this.root, message);
  }

  handle(message: PlaygroundToWebview): void {
    switch (message.type) {
      case 'playgroundInit':
        this.models = message.models;
        this.providers = message.providers;
        if (!this.initialized && !this.models.some((m) => m.id === this.draft.model)) this.draft = defaultDraft(this.models[0]);
        this.initialized = true;
        this.render();
        this.requestEstimate(0);
        return;
      case 'prefill':
        this.draft = message.draft;
        this.from = message.from;
        this.render();
        this.requestEstimate(0);
        return;
      case 'estimate':
        this.showEstimate(message.estimate);
        return;
      case 'runStarted':
        this.runId = message.runId;
        this.lanes = message.lanes.map((l) => ({ model: l.model, text: '' }));
        this.renderLanes();
        this.setRunning(true);
        return;
      case 'runDelta': {
        const lane = this.lanes[message.lane];
        if (message.runId !== this.runId || !lane) return;
        lane.text += message.text;
        const node = this.root.querySelector(`.lane[data-lane="${message.lane}"] .lane-text`);
        if (node) node.textContent = lane.text;
        return;
      }
      case 'runDone': {
        const lane = this.lanes[message.lane];
        if (message.runId !== this.runId || !lane) return;
        lane.outcome = message.outcome;
        lane.text = message.outcome.text || lane.text;
        this.renderLanes();
        if (this.lanes.every((l) => l.outcome)) this.setRunning(false);
        this.save();
        return;
      }
      case 'history':
        this.history = message.entries;
        this.renderHistory();
        return;
    }
  }

  private save(): void {
    vscode.setState({ draft: this.draft, lanes: this.lanes, compare: this.compare } satisfies SavedState);
  }

  private changed(): void {
    this.save();
    this.requestEstimate(200);
  }

  private requestEstimate(delayMs: number): void {
    clearTimeout(this.estimateTimer);
    this.estimateTimer = setTimeout(() => vscode.postMessage({ type: 'draftChanged', draft: this.draft }), delayMs);
  }

  private render(): void {
    this.root.replaceChildren();
    if (this.from) this.root.append(el('p', `From ${this.from}`, 'muted from'));
    this.root.append(this.renderModelRow(), this.renderKeyRow());
    this.root.append(this.field('System', this.textarea('system', this.draft.system, 3, (v) => { this.draft.system = v; this.renderPlaceholders(); })));
    const messages = el('div');
    messages.id = 'messages';
    this.root.append(messages, this.renderPlaceholderBox(), this.renderParams(), this.renderEstimateLine(), this.renderActions());
    const lanes = el('div');
    lanes.id = 'lanes';
    const history = el('div');
    history.id = 'history';
    this.root.append(lanes, history);
    this.renderMessages();
    this.renderPlaceholders();
    this.renderLanes();
    this.renderHistory();
    this.setRunning(this.runId !== undefined && this.lanes.some((l) => !l.outcome));
    this.save();
  }

  private renderModelRow(): HTMLElement {
    const row = el('div', undefined, 'row');
    // Native selects: @vscode-elements' select components stalled the view in code-server's
    // webviews when filled with many options at once; a styled <select> is dependable.
    const select = el('select', undefined, 'select');
    select.id = 'model';
    select.setAttribute('aria-label', 'Model');
    for (const m of this.models) {
      const label = this.providers.find((p) => p.provider === m.provider)?.label ?? m.provider;
      const priced = m.inputPerMTok !== null && m.outputPerMTok !== null;
      const option = el('option', priced ? `${m.id} · ${formatUsd(m.inputPerMTok ?? 0)} / ${formatUsd(m.outputPerMTok ?? 0)} per 1M` : `${m.id} · ${label}`);
      option.value = `${m.provider}:${m.id}`;
      option.title = priced ? `${label}; input / output price per million tokens, as of ${m.priceAsOf}` : `${label} (OpenAI-compatible); no catalog price`;
      option.selected = m.id === this.draft.model && m.provider === this.draft.provider;
      select.append(option);
    }
    select.addEventListener('change', () => {
      const [provider, ...rest] = select.value.split(':');
      this.draft.provider = this.providers.some((p) => p.provider === provider) ? provider as string : 'openai';
      this.draft.model = rest.join(':');
      this.root.querySelector('#key-row')?.replaceWith(this.renderKeyRow());
      this.changed();
    });
    row.append(el('label', 'Model', 'label'), select);
    return row;
  }

  private renderKeyRow(): HTMLElement {
    const row = el('div', undefined, 'row key-row');
    row.id = 'key-row';
    const state = this.providers.find((p) => p.provider === this.draft.provider);
    if (state?.demo) {
      row.append(el('span', 'Demo provider: answers come from a local test server, not from the real API.', 'warn demo'));
    } else if (state?.keySource) {
      const where = { 'secret-storage': 'SecretStorage', environment: 'the environment', dotenv: 'the workspace .env', demo: 'the demo' }[state.keySource];
      row.append(el('span', `${state.label} key from ${where}.`, 'muted'));
    } else if (state?.keyOptional) {
      row.append(el('span', `No ${state.label} key set (local servers need none).`, 'muted'),
        button('Set API Key', () => vscode.postMessage({ type: 'setApiKey', provider: this.draft.provider }), { secondary: true }));
    } else {
      row.append(el('span', `No ${state?.label ?? 'API'} key set.`, 'warn'),
        button('Set API Key', () => vscode.postMessage({ type: 'setApiKey', provider: this.draft.provider }), { secondary: true }));
    }
    return row;
  }

  private field(label: string, control: HTMLElement): HTMLElement {
    const wrap = el('div', undefined, 'field');
    wrap.append(el('label', label, 'label'), control);
    return wrap;
  }

  private textarea(id: string, value: string, rows: number, onInput: (v: string) => void): HTMLElement {
    const area = document.createElement('vscode-textarea');
    area.id = id;
    area.value = value;
    area.rows = rows;
    area.setAttribute('resize', 'vertical');
    area.addEventListener('input', () => {
      onInput(area.value);
      this.changed();
    });
    return area;
  }

  private renderMessages(): void {
    const box = this.root.querySelector('#messages');
    if (!box) return;
    box.replaceChildren();
    this.draft.messages.forEach((message, i) => {
      const head = el('div', undefined, 'row');
      const role = el('select', undefined, 'select role');
      role.setAttribute('aria-label', `Role of message ${i + 1}`);
      for (const r of ['user', 'assistant'] as const) {
        const option = el('option', r);
        option.value = r;
        option.selected = r === message.role;
        role.append(option);
      }
      role.addEventListener('change', () => {
        message.role = role.value === 'assistant' ? 'assistant' : 'user';
        this.changed();
      });
      head.append(role);
      if (this.draft.messages.length > 1) {
        head.append(button('Remove', () => { this.draft.messages.splice(i, 1); this.renderMessages(); this.renderPlaceholders(); this.changed(); }, { secondary: true }));
      }
      const area = this.textarea(`message-${i}`, message.content, 4, (v) => { message.content = v; this.renderPlaceholders(); });
      area.classList.add('message');
      box.append(head, area);
    });
    box.append(button('Add message', () => {
      const last = this.draft.messages[this.draft.messages.length - 1];
      this.draft.messages.push({ role: last?.role === 'user' ? 'assistant' : 'user', content: '' });
      this.renderMessages();
      this.changed();
    }, { secondary: true, id: 'add-message' }));
  }

  private renderPlaceholderBox(): HTMLElement {
    const box = el('div', undefined, 'placeholders');
    box.id = 'placeholders';
    return box;
  }

  /** One field per `{{name}}` in the prompt; values are kept even while a name is briefly gone. */
  private renderPlaceholders(): void {
    const box = this.root.querySelector('#placeholders');
    if (!box) return;
    const names = placeholderNames(this.draft);
    const current = [...box.querySelectorAll<HTMLElement>('[data-placeholder]')].map((n) => n.dataset.placeholder);
    if (names.join('\n') === current.join('\n')) return;
    box.replaceChildren();
    if (names.length > 0) box.append(el('p', 'Template values (unfilled ones are counted at the assumed size):', 'muted'));
    for (const name of names) {
      const input = document.createElement('vscode-textfield');
      input.dataset.placeholder = name;
      input.value = this.draft.placeholders[name] ?? '';
      input.setAttribute('aria-label', name);
      input.addEventListener('input', () => {
        this.draft.placeholders[name] = input.value;
        this.changed();
      });
      box.append(this.field(`{{${name}}}`, input));
    }
  }

  private renderParams(): HTMLElement {
    const row = el('div', undefined, 'row params');
    const number = (id: string, label: string, value: number, min: number, max: number, apply: (n: number) => void) => {
      const input = document.createElement('vscode-textfield');
      input.id = id;
      input.type = 'number';
      input.value = String(value);
      input.setAttribute('min', String(min));
      input.setAttribute('max', String(max));
      input.addEventListener('input', () => {
        const n = Number(input.value);
        // Out-of-range input is shown as invalid and not sent: the host would reject it anyway.
        const ok = input.value.trim() !== '' && Number.isFinite(n) && n >= min && n <= max;
        input.toggleAttribute('invalid', !ok);
        if (ok) {
          apply(n);
          this.changed();
        }
      });
      return this.field(label, input);
    };
    row.append(
      number('max-tokens', 'Max tokens', this.draft.maxTokens, 1, 1_000_000, (n) => { this.draft.maxTokens = Math.round(n); }),
      number('temperature', 'Temperature', this.draft.temperature, 0, 2, (n) => { this.draft.temperature = n; }),
    );
    return row;
  }

  private renderEstimateLine(): HTMLElement {
    const line = el('p', 'Counting…', 'estimate');
    line.id = 'estimate';
    return line;
  }

  private showEstimate(estimate: Estimate): void {
    const line = this.root.querySelector('#estimate');
    if (!line) return;
    const tokens = estimate.exact ? formatTokens(estimate.inputTokens) : `~${formatTokens(estimate.inputTokens)}`;
    const band = estimate.band ? ` (${formatTokens(estimate.band.low)}–${formatTokens(estimate.band.high)})` : '';
    const cost = estimate.maxCostUsd === null ? 'price unknown' : `at most ${formatUsd(estimate.maxCostUsd)} per run`;
    line.textContent = `${tokens} input tokens${band} · ${cost}`;
    line.setAttribute('title', estimate.notes.join('\n'));
  }

  private renderActions(): HTMLElement {
    const row = el('div', undefined, 'row actions');
    const compare = el('select', undefined, 'select');
    compare.id = 'compare-models';
    compare.multiple = true;
    compare.size = 5;
    compare.setAttribute('aria-label', 'Models to compare');
    for (const m of this.models) {
      const option = el('option', m.id);
      option.value = m.id;
      option.selected = this.compare.includes(m.id);
      compare.append(option);
    }
    compare.addEventListener('change', () => {
      this.compare = [...compare.selectedOptions].map((o) => o.value).slice(0, 3);
      this.save();
    });
    row.append(
      button('Run', () => this.run([this.draft.model]), { id: 'run' }),
      button('Compare', () => {
        const models = [...new Set([this.draft.model, ...this.compare])].slice(0, 4);
        if (models.length < 2) {
          this.note('Pick one to three models to compare with the current one.');
          return;
        }
        this.run(models);
      }, { id: 'compare', secondary: true }),
      button('Stop', () => { if (this.runId) vscode.postMessage({ type: 'cancel', runId: this.runId }); }, { id: 'stop', secondary: true }),
    );
    const wrap = el('div');
    wrap.append(row, this.field('Compare with', compare));
    return wrap;
  }

  private note(text: string): void {
    const line = this.root.querySelector('#estimate');
    if (line) line.textContent = text;
  }

  private run(models: string[], budgetOverride = false): void {
    const empty = this.draft.messages.every((m) => m.content.trim() === '');
    if (empty) {
      this.note('Write a message first.');
      return;
    }
    const runId = `run-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    vscode.postMessage({ type: 'run', runId, draft: this.draft, models, ...(budgetOverride ? { budgetOverride } : {}) });
  }

  private setRunning(running: boolean): void {
    this.root.querySelector('#run')?.toggleAttribute('disabled', running);
    this.root.querySelector('#compare')?.toggleAttribute('disabled', running);
    this.root.querySelector('#stop')?.toggleAttribute('disabled', !running);
  }

  private renderLanes(): void {
    const box = this.root.querySelector('#lanes');
    if (!box) return;
    box.replaceChildren();
    box.classList.toggle('compare', this.lanes.length > 1);
    this.lanes.forEach((lane, i) => {
      const node = el('section', undefined, 'lane');
      node.dataset.lane = String(i);
      node.append(el('h3', lane.model), el('pre', lane.text, 'lane-text'));
      const o = lane.outcome;
      if (o) {
        const meta = el('p', undefined, o.ok ? 'lane-meta' : 'lane-meta warn');
        meta.textContent = o.ok
          ? [`${formatTokens(o.inputTokens)} in + ${formatTokens(o.outputTokens)} out tok`,
            o.cachedInputTokens ? `${formatTokens(o.cachedInputTokens)} cached` : '',
            o.costUsd === null ? 'cost unknown' : formatUsd(o.costUsd),
            `${Math.round(o.latencyMs).toLocaleString('en-US')} ms`,
            o.cacheHit ? 'response cache hit ($0)' : ''].filter(Boolean).join(' · ')
          : `Failed: ${o.error ?? 'unknown error'}`;
        node.append(meta);
        if (o.budgetBlocked) {
          // The override lets this one run through; the budget stays in force for the next.
          const blocked = this.lanes.filter((l) => l.outcome?.budgetBlocked).map((l) => l.model);
          node.append(button('Run once anyway', () => this.run(blocked, true), { secondary: true }));
        }
        if (o.notes.length) {
          const notes = el('ul', undefined, 'notes');
          for (const n of o.notes) notes.append(el('li', n));
          node.append(notes);
        }
      } else {
        node.append(el('p', 'Running…', 'lane-meta muted'));
      }
      box.append(node);
    });
  }

  private renderHistory(): void {
    const box = this.root.querySelector('#history');
    if (!box) return;
    box.replaceChildren();
    if (this.history.length === 0) return;
    const section = document.createElement('vscode-collapsible');
    section.setAttribute('title', `History (${this.history.length})`);
    const list = el('ul', undefined, 'history');
    for (const h of this.history) {
      const item = el('li');
      const link = el('a', `${new Date(h.at).toLocaleTimeString()} · ${h.model} · ${h.costUsd === null ? '?' : formatUsd(h.costUsd)}${h.ok ? '' : ' · failed'}`);
      link.href = '#';
      link.title = h.preview;
      link.addEventListener('click', (e) => {
        e.preventDefault();
        this.draft = structuredClone(h.draft);
        this.render();
        this.requestEstimate(0);
      });
      item.append(link);
      list.append(item);
    }
    section.append(list);
    box.append(section);
  }
}
