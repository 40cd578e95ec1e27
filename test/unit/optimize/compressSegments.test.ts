import * as assert from 'node:assert/strict';
import { compressPrompt } from '../../../src/core/optimize/compress';
import { segmentPrompt } from '../../../src/core/optimize/compressSegments';
import { countTestTokens } from './wordCounter';

const kinds = (text: string): [string, string][] =>
  segmentPrompt(text)
    .filter((s) => s.kind !== 'text')
    .map((s) => [s.kind, text.slice(s.start, s.end)]);

// Every protected region keeps filler that would otherwise go: if protection failed, the
// phrase "please make sure that you" would disappear from it.
const filler = 'please make sure that you';

describe('compression protections', () => {
  it('segments cover the text end to end, in order', () => {
    const text = 'Say "hi" to {name} in `code` at https://x.io/a, 3 times. Never <b>shout</b>.';
    const segs = segmentPrompt(text);
    assert.equal(segs.map((s) => text.slice(s.start, s.end)).join(''), text);
    segs.slice(1).forEach((s, i) => assert.equal(s.start, segs[i].end));
  });

  const cases: [string, string, string][] = [
    ['fence', 'Fenced code', `Intro.\n\`\`\`\n${filler}  x\n\`\`\`\nEnd.`],
    ['fence', 'tilde fence', `~~~\n${filler}\n~~~`],
    ['inlineCode', 'inline code', `Use \`${filler}\` here.`],
    ['quote', 'double quotes', `Say "${filler}" now.`],
    ['quote', 'single quotes', `Say '${filler}' now.`],
    ['quote', 'curly quotes', `Say “${filler}” now.`],
    ['dataTag', 'a tagged data block', `<document>\n${filler} x\n</document>`],
    ['keep', 'an HTML keep marker', `<!-- tokenwise:keep -->\n${filler} x\n<!-- /tokenwise:keep -->`],
    ['keep', 'a line keep marker', `# tokenwise: keep\n${filler} x\n# tokenwise: end-keep`],
    ['comment', 'an HTML comment', `<!-- ${filler} -->`],
    ['indentedCode', 'an indented code block', `Example:\n\n    ${filler}  x\n    y: 1`],
  ];
  for (const [kind, label, text] of cases) {
    it(`keeps ${label} byte-identical`, () => {
      assert.ok(kinds(text).some(([k]) => k === kind), `no ${kind} segment in ${JSON.stringify(kinds(text))}`);
      assert.ok(compressPrompt(text, countTestTokens).text.toLowerCase().includes(filler));
    });
  }

  it('recognizes every placeholder syntax', () => {
    const text = 'a {x} b {{ y }} c ${z.w} d {q!r:>10} e {0} f {} g %s h %(name)s i {% if a %} j {# note #}';
    assert.deepEqual(
      kinds(text).filter(([k]) => k === 'placeholder').map(([, t]) => t),
      ['{x}', '{{ y }}', '${z.w}', '{q!r:>10}', '{0}', '{}', '%s', '%(name)s', '{% if a %}', '{# note #}'],
    );
  });

  it('protects tags, URLs, numbers and negations, and treats apostrophes as words', () => {
    const text = "Don't open <a href=\"x\"> or https://ex.com/p?q=1 more than 3.5 times; users' data never.";
    assert.deepEqual(kinds(text), [
      ['negation', "Don't"],
      ['tag', '<a href="x">'],
      ['url', 'https://ex.com/p?q=1'],
      ['number', '3.5'],
      ['negation', 'never'],
    ]);
  });

  it('keeps instruction tags editable but their tags intact', () => {
    const r = compressPrompt(`<instructions>\nPlease make sure that you cite sources.\n</instructions>`, countTestTokens);
    assert.equal(r.text, '<instructions>\nCite sources.\n</instructions>');
  });

  it('finds JSON literals only where they parse and hold a string', () => {
    assert.deepEqual(kinds('A {"a": [1, "b"]} B'), [['json', '{"a": [1, "b"]}']]);
    assert.deepEqual(kinds('A [1, 2] B').map(([k]) => k), ['number', 'number']);
  });
});
