import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Range } from '@vscode/tree-sitter-wasm';
import { focusedRanges } from '../../../src/core/parse/focusedParse';
import { jsAdapter } from '../../../src/core/parse/jsAdapter';
import { pyAdapter } from '../../../src/core/parse/pyAdapter';
import { scanSource } from '../../../src/core/parse/scanSource';
import { initParsers, parserFor } from '../../../src/core/parse/treeSitter';
import { bigModule } from '../../support/bigModule';
import { mutate } from '../../support/mutate';
import { seededRandom } from '../../support/seededRandom';

const corpusDir = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'scanner');
const corpus = Object.keys(JSON.parse(fs.readFileSync(path.join(corpusDir, 'expected.json'), 'utf8')) as Record<string, unknown>)
  .filter((f) => /\.(ts|js|mjs|cjs|jsx|py)$/.test(f));
const notebooks = Object.keys(JSON.parse(fs.readFileSync(path.join(corpusDir, 'expected.json'), 'utf8')) as Record<string, unknown>)
  .filter((f) => f.endsWith('.ipynb'));

/** A pattern that matches nothing: every function that can be left out is. */
const noWords = /(?!)/g;

/** The text between the ranges: what the parser does not see, one entry per gap, trimmed. */
function left(text: string, ranges: Range[] | undefined): string[] {
  assert.ok(ranges, 'expected a focused parse');
  const gaps: string[] = [];
  let at = 0;
  for (const r of ranges) {
    if (r.startIndex > at) gaps.push(text.slice(at, r.startIndex).trim());
    at = r.endIndex;
    // Rows and columns must agree with the offsets, or tree-sitter places nodes wrongly.
    assert.equal(text.slice(0, r.startIndex).split('\n').length - 1, r.startPosition.row);
    assert.equal(text.slice(0, r.endIndex).split('\n').length - 1, r.endPosition.row);
  }
  if (at < text.length) gaps.push(text.slice(at).trim());
  return gaps;
}

function parsesCleanly(text: string, grammar: 'typescript' | 'python', ranges: Range[] | undefined): boolean {
  const tree = parserFor(grammar).parse(text, null, ranges ? { includedRanges: ranges } : {});
  assert.ok(tree);
  try {
    return !tree.rootNode.hasError;
  } finally {
    tree.delete();
  }
}

/** A function of ordinary code (none of the scanner's words), long enough that leaving it out is worth it. */
function filler(file: string, name: string): string {
  if (file.endsWith('.py')) return `def ${name}(rows):\n    total = 0\n    for row in rows:\n        total += row["price"] * row["quantity"]\n    return {"total": total, "rows": len(rows)}\n`;
  const typed = file.endsWith('.ts');
  return `function ${name}(rows${typed ? ': Row[]' : ''})${typed ? ': Totals' : ''} {\n  let total = 0;\n  for (const row of rows) total += row.price * row.quantity;\n  return { total, rows: rows.length };\n}\n`;
}

/**
 * The file with filler functions before some of its top-level statements, so the focused parse
 * has something to leave out. Insertion points are lines that plainly start a statement.
 */
function padded(text: string, file: string, rnd: () => number): string {
  const starts = file.endsWith('.py') ? /^(def |async def |class |import |from |[A-Za-z_]\w* = )/ : /^(export |function |async function |const |let |class |import )/;
  const lines = text.split('\n');
  const out: string[] = [];
  lines.forEach((line, i) => {
    if (starts.test(line) && rnd() < 0.6) out.push(...filler(file, `unrelated${i}`).split('\n'));
    out.push(line);
  });
  out.push('', ...filler(file, 'unrelatedLast').split('\n'));
  return out.join('\n');
}

const languageOf = (file: string): 'script' | 'python' => (file.endsWith('.py') ? 'python' : 'script');
const adapterOf = (file: string) => (file.endsWith('.py') ? pyAdapter : jsAdapter);

describe('focused parse', () => {
  before(async () => {
    await initParsers();
  });

  describe('which statements the parser sees', () => {
    it('leaves out plain function declarations and keeps every other statement', () => {
      const text = "import x from 'x';\nfunction a() { return 1; }\nconst b = 2;\nexport async function c(n: number) {\n  return n * 2;\n}\nb;\n";
      assert.deepEqual(left(text, focusedRanges(text, 'script', noWords)), ['function a() { return 1; }', 'export async function c(n: number) {\n  return n * 2;\n}']);
    });

    it('keeps a function that names an SDK word, mentions the SDK, or is named by what is kept', () => {
      const text = [
        'const client = makeClient();',
        'function makeClient() { return build(); }',
        'function build() { return 1 + 1; }',
        'function ask() { return client.chat.completions.create({}); }',
        'function sdk() { return new OpenAI(); }',
        'function unused(a: number) { return a * 2 + 1 - 3; }',
        '',
      ].join('\n');
      assert.deepEqual(left(text, focusedRanges(text, 'script', jsAdapter.candidateWords)), ['function unused(a: number) { return a * 2 + 1 - 3; }']);
    });

    it('is not misled by braces in strings, templates, regular expressions and comments', () => {
      const text = [
        "const s = '}{';",
        "const t = `${'}'} ${ { a: 1 }.a } }`;",
        'const r = /[}{/]+/g.test(s) ? 1 : 2;',
        '// }',
        '/* { */',
        "function skipMe() { return '{' + `}` + /}/.source; }",
        'const after = 1;',
        '',
      ].join('\n');
      const ranges = focusedRanges(text, 'script', noWords);
      // (The comment lines above a statement go with it.)
      assert.deepEqual(left(text, ranges), ["// }\n/* { */\nfunction skipMe() { return '{' + `}` + /}/.source; }"]);
      assert.ok(parsesCleanly(text, 'typescript', ranges));
    });

    it('keeps the comment lines above a statement with it', () => {
      const text = 'const a = 1;\n// about gone\nfunction gone() { return 2 + 2; }\n// about c\nconst c = 2;\n';
      assert.deepEqual(left(text, focusedRanges(text, 'script', noWords)), ['// about gone\nfunction gone() { return 2 + 2; }']);
    });

    it('handles code without semicolons (line breaks stay inside the parsed ranges)', () => {
      const text = 'const a = 1\nfunction gone() {\n  return a\n}\nconst b = a\n[1, 2].forEach(print)\n'.replace('[1, 2].forEach(print)', 'print(b)');
      const ranges = focusedRanges(text, 'script', noWords);
      assert.deepEqual(left(text, ranges), ['function gone() {\n  return a\n}']);
      assert.ok(parsesCleanly(text, 'typescript', ranges));
    });

    it('keeps a function whose removal would join the statements around it (no semicolons)', () => {
      const fn = 'function gone() { return 1 + 2 + 3 + 4 + 5 + 6 + 7 + 8; }';
      // Without the function, `foo` and `(async ...)()` would read as the call foo(...)().
      for (const next of ['(async () => { await run(); })();', '[1, 2].forEach(run);', '`tagged`;', '+x;']) {
        assert.equal(focusedRanges(`const x = foo\n${fn}\n${next}\n`, 'script', noWords), undefined, next);
      }
      // With a semicolon, or a next statement that cannot continue an expression, it goes.
      const safe = [`const x = foo;\n${fn}\n(async () => { await run(); })();\n`, `const x = foo\n${fn}\nconst y = 2\n`];
      for (const text of safe) {
        const ranges = focusedRanges(text, 'script', noWords);
        assert.deepEqual(left(text, ranges), [fn], text);
        assert.ok(parsesCleanly(text, 'typescript', ranges));
      }
    });

    it('does not cut where a line continues the statement above', () => {
      const text = 'const f =\nfunction named() { return 1 + 2 + 3 + 4 + 5 + 6; }\nconst g = 2;\n';
      assert.equal(focusedRanges(text, 'script', noWords), undefined);
    });

    it('keeps functions that are not one whole declaration (two on a line, a return type with braces)', () => {
      const text = 'function a() { return 1; } function b() { return 2; }\nfunction c(): { n: number } { return { n: 1 }; }\nconst x = 1;\n';
      assert.equal(focusedRanges(text, 'script', noWords), undefined);
    });

    it('leaves out TypeScript overload signatures with their implementation', () => {
      const text = 'export function over(x: string): string;\nexport function over(x: number): number;\nexport function over(x: any) { return x; }\nconst kept = 1;\n';
      const ranges = focusedRanges(text, 'script', noWords);
      assert.deepEqual(left(text, ranges), ['export function over(x: string): string;\nexport function over(x: number): number;\nexport function over(x: any) { return x; }']);
      assert.ok(parsesCleanly(text, 'typescript', ranges));
    });

    it('gives up (parses everything) on text it cannot split surely', () => {
      for (const text of [
        "const s = 'not closed\nfunction f() { return 1 + 2 + 3; }\n",
        "const el = <p>Don't</p>;\nfunction f() { return 1 + 2 + 3; }\n",
        'const open = {\nfunction f() { return 1 + 2 + 3; }\n',
        'const r = /never closed\nfunction f() { return 1 + 2 + 3; }\n',
      ]) assert.equal(focusedRanges(text, 'script', noWords), undefined, text);
    });

    it('Python: leaves out plain defs, keeps decorated ones, strings and brackets spanning lines', () => {
      const text = [
        'import openai',
        'PROMPT = """',
        'def fake():',
        '    pass',
        '"""',
        'CONFIG = dict(',
        'a=1,',
        ')',
        'def gone(x):',
        '    y = x * 2',
        '# a comment at column 0 inside the body',
        '    return y',
        '@decorator',
        'def decorated():',
        '    return 1',
        'client = openai.OpenAI()',
        '',
      ].join('\n');
      const ranges = focusedRanges(text, 'python', noWords);
      assert.deepEqual(left(text, ranges), ['def gone(x):\n    y = x * 2\n# a comment at column 0 inside the body\n    return y']);
      assert.ok(parsesCleanly(text, 'python', ranges));
    });

    it('falls back to the whole file when the focused tree has a syntax error', () => {
      const text = "import OpenAI from 'openai';\nconst client = new OpenAI();\nconst broken = ;\nfunction unrelated(a: number) { return a * 2 + 1 - 3 + 4 - 5; }\nclient.chat.completions.create({ model: 'gpt-4o', messages: [] });\n";
      assert.ok(focusedRanges(text, 'script', jsAdapter.candidateWords));
      const result = scanSource(text, 'typescript');
      assert.deepEqual(result, scanSource(text, 'typescript', { focus: false }));
      assert.equal(result.calls.length, 1);
      assert.ok(result.diagnostics.some((d) => d.startsWith('syntax errors')));
    });

    it('leaves out most of a large module whose functions mostly never call the SDK', () => {
      const text = bigModule();
      const ranges = focusedRanges(text, 'script', jsAdapter.candidateWords);
      assert.ok(ranges);
      const parsed = ranges.reduce((n, r) => n + r.endIndex - r.startIndex, 0);
      assert.ok(parsed < text.length * 0.2, `parsed ${parsed} of ${text.length} characters`);
      assert.ok(parsesCleanly(text, 'typescript', ranges));
    });
  });

  describe('finds exactly what a whole-file parse finds', function () {
    this.timeout(60_000);

    it('on every corpus file, as written and with unrelated functions added, and on the notebooks', () => {
      const rnd = seededRandom(7);
      let focused = 0;
      for (const file of corpus) {
        const original = fs.readFileSync(path.join(corpusDir, file), 'utf8');
        for (const text of [original, padded(original, file, rnd)]) {
          const whole = scanSource(text, file, { focus: false });
          assert.deepEqual(scanSource(text, file), whole, file);
          if (focusedRanges(text, languageOf(file), adapterOf(file).candidateWords)) focused++;
        }
      }
      for (const file of notebooks) {
        const json = fs.readFileSync(path.join(corpusDir, file), 'utf8');
        assert.deepEqual(scanSource(json, file), scanSource(json, file, { focus: false }), file);
      }
      // The comparison means something only if most padded files were actually parsed focused.
      assert.ok(focused >= corpus.length * 0.8, `${focused} focused parses of ${corpus.length * 2} files`);
    });

    it('on 1,000 mutated padded corpus files that still parse without errors (seed 20261125)', () => {
      const rnd = seededRandom(20261125);
      let compared = 0;
      for (let i = 0; i < 1000; i++) {
        const file = corpus[Math.floor(rnd() * corpus.length)];
        const text = mutate(Buffer.from(padded(fs.readFileSync(path.join(corpusDir, file), 'utf8'), file, rnd)), rnd).toString('utf8');
        const whole = scanSource(text, file, { focus: false });
        const focusedResult = scanSource(text, file);
        // With a syntax error the two may differ: the whole-file parse can lose statements after
        // an error in code the focused parse never sees.
        if (whole.diagnostics.length > 0 || focusedResult.diagnostics.length > 0) continue;
        assert.deepEqual(focusedResult, whole, `iteration ${i} (${file})`);
        compared++;
      }
      console.log(`      focused vs whole: ${compared} error-free mutants compared`);
      assert.ok(compared > 60, `${compared} comparisons`);
    });
  });
});
