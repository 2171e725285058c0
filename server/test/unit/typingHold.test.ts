import * as assert from 'assert';
import type { Diagnostic } from 'vscode-languageserver';
import { linesTyped, shownWhileTyping } from '../../src/lsp/typingHold';

const at = (line: number, character = 0) => ({ line, character });
const complaint = (line: number, message: string, code = 'dead-file'): Diagnostic => ({ range: { start: at(line, 2), end: at(line, 9) }, message, code });

describe('typing hold: complaints about the lines being typed wait for a pause', () => {
  it('reads the lines an edit touched, in the document it made', () => {
    assert.deepStrictEqual(linesTyped([{ range: { start: at(4, 3), end: at(4, 3) }, text: 'x' }]), { from: 4, to: 4 });
    assert.deepStrictEqual(linesTyped([{ range: { start: at(4, 3), end: at(4, 3) }, text: '\n' }]), { from: 4, to: 5 });
    assert.deepStrictEqual(linesTyped([{ range: { start: at(4, 3), end: at(6, 0) }, text: 'a\r\nb\rc' }]), { from: 4, to: 6 });
    // Two changes, the second above the first: the first's lines move down by the line it added.
    assert.deepStrictEqual(linesTyped([{ range: { start: at(9, 0), end: at(9, 0) }, text: 'x' }, { range: { start: at(2, 0), end: at(2, 0) }, text: 'y\n' }]), { from: 2, to: 10 });
    // The whole text replaced is no typing.
    assert.strictEqual(linesTyped([{ text: 'all new' }]), undefined);
  });

  it('holds a complaint new on the typed lines, and nothing else', () => {
    const shown = [complaint(1, 'dead link: no note `a.md`')];
    const fresh = [complaint(1, 'dead link: no note `a.md`'), complaint(5, 'dead link: no note `me.md`'), complaint(8, 'dead link: no note `b.md`')];
    const { now, held } = shownWhileTyping(shown, fresh, { from: 5, to: 5 });
    assert.deepStrictEqual(now.map((diagnostic) => diagnostic.range.start.line), [1, 8]);
    assert.strictEqual(held, 1);
  });

  it('shows at once a complaint already shown, wherever it moved, but one shown once vouches for one only', () => {
    const empty = (line: number) => complaint(line, 'empty reference: 🗄 with nothing after it', 'empty-reference');
    // Enter typed above a dead link: it moved down a line onto the typed lines, and stays shown.
    assert.strictEqual(shownWhileTyping([complaint(3, 'dead link: no note `a.md`')], [complaint(4, 'dead link: no note `a.md`')], { from: 3, to: 4 }).held, 0);
    // A second empty 🗄 typed while the note has one already: the new one waits.
    const { now, held } = shownWhileTyping([empty(9)], [empty(2), empty(9)], { from: 2, to: 2 });
    assert.deepStrictEqual([now.map((diagnostic) => diagnostic.range.start.line), held], [[9], 1]);
  });
});
