import * as assert from 'node:assert/strict';
import { classifyContent } from '../../../src/core/tokens/contentKind';

describe('classifyContent', () => {
  it('classifies English prose, including one-liners with numbers and punctuation', () => {
    assert.equal(classifyContent('What flavors are used in Dr. Pepper?'), 'prose');
    assert.equal(classifyContent('Multiply 1984135 by 9343116. Only respond with the result'), 'prose');
    assert.equal(classifyContent('You are a helpful assistant.\n\nRules:\n1. Be brief.\n2. Be kind.\n3. Cite sources: always.'), 'prose');
    assert.equal(classifyContent(''), 'prose');
  });

  it('classifies source code by line shape and symbol density', () => {
    assert.equal(classifyContent('use core::ptr;\n\nfn main() {\n    let x = 1;\n    println!("{}", x);\n}\n'), 'code');
    assert.equal(classifyContent('def add(a, b):\n    return a + b\n\nclass Foo:\n    pass\n'), 'code');
    assert.equal(classifyContent('const total = items.reduce((a, b) => a + b.price, 0);'), 'code');
  });

  it('classifies JSON and Python dict reprs as JSON', () => {
    assert.equal(classifyContent('{"key": "email", "value": "john@gmail.com"}'), 'json');
    assert.equal(classifyContent('[1, 2, {"a": null}]'), 'json');
    assert.equal(classifyContent("{'id': '1213210', 'name': 'John Doe', 'email': 'john@gmail.com'}"), 'json');
    assert.equal(classifyContent('{not json at all, just braces around a sentence}'), 'prose');
  });
});
