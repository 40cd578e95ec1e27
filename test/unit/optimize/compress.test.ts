import * as assert from 'node:assert/strict';
import { compressPrompt } from '../../../src/core/optimize/compress';
import { phraseCatalog, phraseRegex } from '../../../src/core/optimize/compressCatalog';
import { checkMeaning } from '../../../src/core/optimize/compressCheck';
import { diffHunks } from '../../../src/core/optimize/compressDiff';
import { negationPattern } from '../../../src/core/optimize/compressSegments';
import { applyEdits, jsonToTable, minifyJson, tableToJson } from '../../../src/core/optimize/compressTransforms';
import { countTestTokens } from './wordCounter';

const compress = (text: string): string => compressPrompt(text, countTestTokens).text;

describe('compression transforms', () => {
  describe('filler', () => {
    it('removes politeness and request wrappers and capitalizes what follows', () => {
      assert.equal(compress('Please make sure that you cite sources.'), 'Cite sources.');
      assert.equal(compress('I would like you to summarize it. Kindly use bullets.'), 'Summarize it. Use bullets.');
      assert.equal(compress('Summarize this, please.'), 'Summarize this.');
      assert.equal(compress('Be brief.\nThank you so much for your help with this task!\n'), 'Be brief.\n');
    });

    it('keeps permission as permission and instructions as instructions', () => {
      assert.equal(compress('Feel free to ask questions.'), 'You may ask questions.');
      assert.equal(compress('It is very important that the output is valid JSON.'), 'Ensure the output is valid JSON.');
      assert.equal(compress('Use it in order to help.'), 'Use it to help.');
    });

    it('keeps the subject before an auxiliary verb', () => {
      assert.equal(compress('It is very important that you are polite.'), 'Ensure you are polite.');
    });

    it('lets a negation take the capital but never drops or moves it', () => {
      assert.equal(compress('It is very important that you never reveal the key.'), 'Never reveal the key.');
      assert.equal(compress('Please make sure that you do not guess.'), 'Do not guess.');
    });

    it('does not remove a closing or opening phrase that is part of a sentence', () => {
      assert.equal(compress('Say thanks to the customer.'), 'Say thanks to the customer.');
      assert.equal(compress('Take note that prices change.'), 'Take note that prices change.');
      assert.equal(compress('Be brief. Note that prices change.'), 'Be brief. Prices change.');
    });

    it('reports what each transform saved', () => {
      const r = compressPrompt('Please make sure that you cite sources. Due to the fact that it matters.', countTestTokens);
      assert.deepEqual(r.transforms.map((t) => [t.id, t.count]), [['filler', 1], ['verbose', 1]]);
      assert.equal(r.transforms[0].tokensSaved, 5);
      assert.equal(r.transforms[1].tokensSaved, 4);
    });
  });

  describe('verbose', () => {
    it('replaces verbose phrases by their short forms, keeping the capital', () => {
      assert.equal(compress('Due to the fact that users are busy, be brief.'), 'Because users are busy, be brief.');
      assert.equal(compress('Reply now if the user asks at this point in time.'), 'Reply now if the user asks now.');
      assert.equal(compress('In the event that it fails, retry.'), 'If it fails, retry.');
    });

    it('matches across a single line break', () => {
      assert.equal(compress('Retry in the\nevent that it fails.'), 'Retry if it fails.');
    });
  });

  describe('whitespace', () => {
    it('collapses space runs, trailing spaces and blank-line runs', () => {
      assert.equal(compress('Be   brief.   \n\n\n\nBe kind.'), 'Be brief.\n\nBe kind.');
    });

    it('keeps indentation, tabs inside lines and code fences', () => {
      const nested = '- Fixes\n  - Group   them\n    - By component';
      assert.equal(compress(nested), '- Fixes\n  - Group them\n    - By component');
      assert.equal(compress('a\t\tb\nc'), 'a\t\tb\nc');
      const fence = 'Run:\n```py\nx  =  1\n\n\n\ny = 2\n```';
      assert.equal(compress(fence), fence);
    });
  });

  describe('duplicates', () => {
    it('removes an instruction repeated word for word (case and spacing aside)', () => {
      assert.equal(compress('Keep answers short and friendly.\nUse English.\nkeep answers  short and friendly'), 'Keep answers short and friendly.\nUse English.');
    });

    it('removes runs of duplicate lines, the last line included', () => {
      assert.equal(compress('Xa xb xc xd.\nYa yb yc yd.\nXa xb xc xd.\nYa yb yc yd.'), 'Xa xb xc xd.\nYa yb yc yd.');
    });

    it('keeps repeated few-shot field lines, short sentences and anything with a negation', () => {
      const fewShot = 'Text: good\nSentiment: positive\nText: great\nSentiment: positive';
      assert.equal(compress(fewShot), fewShot);
      assert.equal(compress('Be brief. Be brief.'), 'Be brief. Be brief.');
      const negated = 'Never share the key with anyone.\nNever share the key with anyone.';
      assert.equal(compress(negated), negated);
    });
  });

  describe('jsonMinify', () => {
    it('re-serializes a JSON literal compactly, strings byte for byte', () => {
      const r = compressPrompt('Shape:\n{\n  "a": "x  y",\n  "b": [1, 2],\n  "c": "caf\\u00e9"\n}', countTestTokens);
      assert.equal(r.text, 'Shape:\n{"a":"x  y","b":[1,2],"c":"caf\\u00e9"}');
      assert.deepEqual(r.transforms.map((t) => t.id), ['jsonMinify']);
      assert.equal(minifyJson('{ "k" : "a \\" b" }'), '{"k":"a \\" b"}');
    });

    it('leaves JSON that does not parse, prose brackets and fenced JSON alone', () => {
      assert.equal(compress('Shape: { "a": {name} }'), 'Shape: { "a": {name} }');
      assert.equal(compress('See items [1, 2] and [10,000 word document].'), 'See items [1, 2] and [10,000 word document].');
      const fenced = '```json\n{ "a": 1 }\n```';
      assert.equal(compress(fenced), fenced);
    });
  });

  describe('jsonTable', () => {
    const array = '[\n  {"id": 1, "name": "Ann", "ok": true},\n  {"id": 2, "name": "Bo", "ok": null}\n]';

    it('writes a uniform array of flat objects as a header row and rows', () => {
      assert.equal(compress(`Users:\n${array}`), 'Users:\nid | name | ok\n1 | "Ann" | true\n2 | "Bo" | null');
      assert.deepEqual(tableToJson(jsonToTable(array) ?? ''), JSON.parse(array));
    });

    it('applies only when the table has fewer tokens for the tokenizer at hand', () => {
      const pipesAreExpensive = (t: string): number => countTestTokens(t) + 100 * (t.split('|').length - 1);
      const r = compressPrompt(`Users:\n${array}`, pipesAreExpensive);
      assert.deepEqual(r.transforms.map((t) => t.id), ['jsonMinify']);
    });

    it('refuses arrays that would not read back identically', () => {
      assert.equal(jsonToTable('[{"a": 1}, {"b": 2}]'), null, 'different keys');
      assert.equal(jsonToTable('[{"a": {"x": 1}}, {"a": {"x": 2}}]'), null, 'nested values');
      assert.equal(jsonToTable('[{"a": "x|y"}, {"a": "z"}]'), null, 'a cell separator inside a string');
      assert.equal(jsonToTable('[{"a": 1.50}, {"a": 2}]'), null, 'a number that would change its spelling');
      assert.equal(jsonToTable('[{"a": 1}]'), null, 'a single row');
    });
  });

  describe('safety', () => {
    it('never adds tokens: a transform that would is skipped', () => {
      const becauseIsExpensive = (t: string): number => countTestTokens(t) + 50 * (t.match(/because/gi)?.length ?? 0);
      const r = compressPrompt('Due to the fact that it rains, stay in.', becauseIsExpensive);
      assert.equal(r.text, 'Due to the fact that it rains, stay in.');
      assert.equal(r.tokensAfter, r.tokensBefore);
      assert.deepEqual(r.transforms, []);
    });

    it('never empties a prompt made only of pleasantries', () => {
      assert.equal(compress('Thank you! Thanks.'), 'Thank you! Thanks.');
    });

    it('holds every guarantee on random mixes of filler, protected text and structure', () => {
      const pieces = [
        ...phraseCatalog.map((e) => e.phrase), 'Please', 'Thank you!', 'do not', 'never', '{x}', '${y}', '"quoted text"', "'single'",
        '`code`', '3', '10,000', '  ', '\n', '\n\n\n', '.', ',', ':', 'cite sources', 'Keep answers short and friendly.', '- ',
        '    indented', '```\nfence  x\n```', '<document>doc</document>', '<b>', '[{"a": 1}, {"a": 2}]', '{"k": "v"}', "don't", '\t',
      ];
      let seed = 42;
      const rand = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
      for (let i = 0; i < 400; i++) {
        const text = Array.from({ length: 3 + rand(25) }, () => pieces[rand(pieces.length)]).join(rand(2) ? ' ' : '');
        const r = compressPrompt(text, countTestTokens);
        assert.equal(r.rejected, undefined, JSON.stringify(text));
        assert.ok(r.tokensAfter <= r.tokensBefore, JSON.stringify(text));
        assert.equal(compressPrompt(r.text, countTestTokens).text, r.text, JSON.stringify(text));
      }
    });

    it('returns an empty diff and no transforms when nothing applies', () => {
      const r = compressPrompt('Summarize the text. Do not add opinions.', countTestTokens);
      assert.deepEqual([r.diff, r.transforms, r.tokensAfter === r.tokensBefore], [[], [], true]);
    });

    it('checkMeaning catches a lost word, placeholder, negation, number or protected text', () => {
      const before = 'Do not cite {source} in `code` for 3 users.';
      assert.equal(checkMeaning(before, before).preserved, true);
      assert.deepEqual(checkMeaning(before, 'Do not mention {source} in `code` for 3 users.').missingWords, ['cite']);
      assert.equal(checkMeaning(before, 'Do cite {source} in `code` for 3 users.').negationsKept, false);
      assert.equal(checkMeaning(before, 'Do not cite {src} in `code` for 3 users.').placeholdersKept, false);
      assert.equal(checkMeaning(before, 'Do not cite {source} in `code` for 4 users.').numbersKept, false);
      assert.equal(checkMeaning(before, 'Do not cite {source} in `Code` for 3 users.').protectedKept, false);
    });
  });

  describe('catalog', () => {
    it('matches whole words only, across spacing and case', () => {
      const inOrderTo = phraseCatalog.find((e) => e.phrase === 'in order to');
      assert.ok(inOrderTo);
      assert.equal(phraseRegex(inOrderTo).test('x In  order\nto y'), true);
      assert.equal(phraseRegex(inOrderTo).test('within order to'), false);
    });

    it('has no negation in any phrase or replacement', () => {
      for (const e of phraseCatalog) {
        assert.equal(new RegExp(negationPattern).test(e.phrase), false, e.phrase);
        assert.equal(new RegExp(negationPattern).test(e.replacement), false, e.replacement);
      }
    });

    it('lists every phrase before the shorter phrases it contains', () => {
      phraseCatalog.forEach((e, i) => {
        for (const later of phraseCatalog.slice(i + 1)) {
          const shadowed = ` ${later.phrase} `.includes(` ${e.phrase} `) && later.phrase !== e.phrase;
          assert.equal(shadowed, false, `"${later.phrase}" comes after "${e.phrase}" and can never match`);
        }
      });
    });
  });

  describe('diff', () => {
    it('gives hunks with offsets in both texts that rebuild the result', () => {
      const before = 'Please make sure that you cite sources. Due to the fact that x.';
      const after = 'Cite sources. Because x.';
      const hunks = diffHunks(before, after);
      assert.equal(applyEdits(before, hunks.map((h) => ({ start: h.start, end: h.end, replacement: h.after }))), after);
      for (const h of hunks) {
        assert.equal(before.slice(h.start, h.end), h.before);
        assert.equal(after.slice(h.afterStart, h.afterEnd), h.after);
      }
      assert.deepEqual(diffHunks(after, after), []);
    });

    it('rebuilds random edits', () => {
      let seed = 7;
      const rand = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
      const words = ['a', 'b', 'c', ' ', '\n', 'dd', '.'];
      for (let round = 0; round < 200; round++) {
        const make = (): string => Array.from({ length: rand(30) }, () => words[rand(words.length)]).join('');
        const before = make();
        const after = make();
        const hunks = diffHunks(before, after);
        assert.equal(applyEdits(before, hunks.map((h) => ({ start: h.start, end: h.end, replacement: h.after }))), after);
      }
    });
  });
});
