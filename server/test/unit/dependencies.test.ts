import * as assert from 'assert';
import { Dependencies } from '../../src/lsp/dependencies';

describe('Dependencies: which notes looked at what', () => {
  it('finds the sources of a key, in the order they were set, and forgets a source everywhere', () => {
    const deps = new Dependencies();
    deps.set('a.md', ['knives.md', 'stones.md', 'knives.md']);
    deps.set('b.md', ['knives.md']);
    deps.set('c.md', ['knives.md', 'salt.md']);
    assert.deepStrictEqual([deps.sourcesOf('knives.md'), deps.sourcesOf('stones.md'), deps.sourcesOf('salt.md'), deps.sourcesOf('none.md')], [['a.md', 'b.md', 'c.md'], ['a.md'], ['c.md'], []]);
    deps.forget('b.md');
    deps.forget('c.md');
    assert.deepStrictEqual([deps.sourcesOf('knives.md'), deps.sourcesOf('salt.md')], [['a.md'], []]);
  });

  it('replaces what a source looked at when it is set again, and a source set again with other keys comes last', () => {
    const deps = new Dependencies();
    deps.set('a.md', ['knives.md']);
    deps.set('b.md', ['knives.md']);
    deps.set('a.md', ['stones.md', 'knives.md']);
    assert.deepStrictEqual([deps.sourcesOf('knives.md'), deps.sourcesOf('stones.md')], [['b.md', 'a.md'], ['a.md']]);
    // The same keys again: nothing moves.
    deps.set('b.md', ['knives.md']);
    assert.deepStrictEqual(deps.sourcesOf('knives.md'), ['b.md', 'a.md']);
    deps.set('a.md', []);
    assert.deepStrictEqual([deps.sourcesOf('knives.md'), deps.sourcesOf('stones.md')], [['b.md'], []]);
    deps.set('b.md', new Set());
    assert.deepStrictEqual(deps.sourcesOf('knives.md'), []);
  });
});
