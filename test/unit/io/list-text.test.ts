// List values in the string view (io/list-text.ts): the JSON text of a list read into its elements
// (scalars as text, nulls kept, lists of lists nested), mapped and written back; a struct element
// or text that is not a list refused with its own code; sampled lists give their elements.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CordonError } from '../../../src/errors.js';
import { listElements, listText, mapList, parseList, sampledElements } from '../../../src/io/list-text.js';
import { LocalDate } from '../../../src/io/value.js';

const code = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return e instanceof CordonError ? e.code : 'not a CordonError';
  }
  return undefined;
};

describe('list text', () => {
  it('reads elements as text, keeps nulls, empty lists and nesting', () => {
    assert.deepEqual(parseList('["a@x.com",null,"",["b",["c"]],[]]'), ['a@x.com', null, '', ['b', ['c']], []]);
    assert.deepEqual(parseList('[1,2.5,true]'), ['1', '2.5', 'true']);
    assert.deepEqual(parseList('[]'), []);
  });

  it('maps every non-null element and writes the same shape back', () => {
    const nodes = parseList('["a",null,["b",""],[]]');
    const out = mapList(nodes, (e) => e.toUpperCase());
    assert.equal(listText(out), '["A",null,["B",""],[]]');
    assert.deepEqual(mapList(nodes, () => null), [null, null, [null, null], []]);
    assert.deepEqual(listElements(nodes), ['a', 'b']);
  });

  it('refuses text that is not a list (ERR_INPUT_INVALID) and struct elements (ERR_LIST_UNSUPPORTED)', () => {
    assert.equal(code(() => parseList('a@x.com')), 'ERR_INPUT_INVALID');
    assert.equal(code(() => parseList('[not json')), 'ERR_INPUT_INVALID');
    assert.equal(code(() => parseList('{"a":1}')), 'ERR_INPUT_INVALID');
    assert.equal(code(() => parseList('[{"email":"a@x.com"}]')), 'ERR_LIST_UNSUPPORTED');
    assert.equal(code(() => parseList('[[[[[[[[[["deep"]]]]]]]]]]')), 'ERR_LIST_UNSUPPORTED');
    try {
      parseList('["secret@x.com",{"k":"secret@x.com"}]');
    } catch (e) {
      assert.doesNotMatch((e as Error).message, /secret/, 'no value in the message');
    }
  });

  it('sampled lists give their elements; anything but lists gives undefined', () => {
    assert.deepEqual(sampledElements([['a@x.com', null], null, [], [['b@y.org']], [new LocalDate(0)]]), ['a@x.com', null, 'b@y.org', '1970-01-01']);
    assert.equal(sampledElements(['a@x.com', ['b@y.org']]), undefined);
    assert.equal(sampledElements([[{ email: 'a@x.com' }]]), undefined);
    assert.equal(sampledElements([null, null]), undefined);
    assert.equal(sampledElements([['a', 'b', 'c']], 2)!.length, 2);
  });
});
