import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { decodeNoteBytes, detectDoubleEncoding } from '../../src/core/text/encoding';
import { parseNote } from '../../src/core/syntax/parseNote';
import { requireCorpus } from './support';

/** What a UTF-8 text becomes after being read as Mac Roman and saved again as UTF-8. */
function doubleEncode(text: string): string {
  const macRoman = 'ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»…\u00a0ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uf8ffÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ';
  return [...Buffer.from(text, 'utf8')].map((byte) => (byte < 0x80 ? String.fromCharCode(byte) : macRoman[byte - 0x80])).join('');
}

describe('encoding (DIALECT §1.1)', () => {
  it('recognises the Mac Roman double encoding and repairs it', () => {
    const clean = '# ⛩️\n\n## 参考\n\n🗄 `metals.md` patina’s colour\n📙 McGee [4]\n';
    const damaged = doubleEncode(clean);
    assert.ok(damaged.startsWith('# ‚õ©Ô∏è'));
    assert.ok(damaged.includes('\uF8FFüóÑ'));
    assert.strictEqual(detectDoubleEncoding(damaged)?.repairedText, clean);
    assert.strictEqual(detectDoubleEncoding(clean), undefined);
  });

  it('does not parse a double-encoded file as a note, but reports it once', () => {
    const note = parseNote('old.md', doubleEncode('# ⛩️\n# 🔪 KNIVES\n🗄 `metals.md`\n'));
    assert.deepStrictEqual(note.problems.map((problem) => problem.code), ['double-encoded']);
    assert.strictEqual(note.references.length, 0);
    assert.strictEqual(note.anchors.length, 0);
  });

  it('skips binary content and invalid UTF-8 with a message, and drops a BOM', () => {
    assert.deepStrictEqual(decodeNoteBytes(Uint8Array.from([0x23, 0x00, 0x01])).kind, 'binary');
    const invalid = decodeNoteBytes(Uint8Array.from([0x23, 0x20, 0xff, 0x41]));
    assert.strictEqual(invalid.kind, 'invalid-utf8');
    assert.match((invalid as { message: string }).message, /offset 2/);
    assert.deepStrictEqual(decodeNoteBytes(Buffer.from('\uFEFF# ⛩️', 'utf8')), { kind: 'text', text: '# ⛩️', hadBom: true });
  });

  it('reads UTF-16 with its byte order mark (Notepad\'s "Unicode", Windows PowerShell\'s `>`) as text, not as binary', () => {
    const text = '# ⛩️\n## 参考\n🗄 `metals.md` patina\n';
    const little = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    assert.deepStrictEqual(decodeNoteBytes(little), { kind: 'text', text, hadBom: true, encoding: 'utf-16le' });
    const big = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    assert.deepStrictEqual(decodeNoteBytes(big), { kind: 'text', text, hadBom: true, encoding: 'utf-16be' });
    // An odd byte out, or half an emoji: not UTF-16 after all, and said so.
    const broken = decodeNoteBytes(Buffer.concat([little, Buffer.from([0x41])]));
    assert.deepStrictEqual(broken, { kind: 'invalid-utf16', message: 'not valid UTF-16 (little-endian), which its byte order mark says it is: not read as a note' });
  });

  it('reads a CRLF note with the same lines and columns as its LF twin', () => {
    const lf = parseNote('a.md', '# ⛩️\n# 🔪 KNIVES\n🗄 `metals.md` patina\n');
    const crlf = parseNote('a.md', '# ⛩️\r\n# 🔪 KNIVES\r\n🗄 `metals.md` patina\r\n');
    assert.deepStrictEqual(crlf.references, lf.references);
    assert.deepStrictEqual(crlf.anchors.map((anchor) => anchor.range), lf.anchors.map((anchor) => anchor.range));
  });

  it('reports a U+FFFD replacement character where an emoji was lost', () => {
    assert.deepStrictEqual(parseNote('a.md', '# ⛩️\n� key idea').problems.map((problem) => `${problem.code}@${problem.range.start.line}`), ['replacement-character@1']);
  });

  it('flags the four damaged corpus notes, repairs them to older-notes/, and leaves 002 alone', function () {
    const damagedFolder = requireCorpus(this, 'double-encoded');
    const repairedFolder = requireCorpus(this, 'older-notes');
    const flagged: string[] = [];
    for (const file of fs.readdirSync(damagedFolder).sort()) {
      const decoded = decodeNoteBytes(fs.readFileSync(path.join(damagedFolder, file)));
      assert.strictEqual(decoded.kind, 'text');
      const found = detectDoubleEncoding((decoded as { text: string }).text);
      if (!found) continue;
      flagged.push(file.slice(0, 3));
      assert.strictEqual(found.repairedText, fs.readFileSync(path.join(repairedFolder, file), 'utf8'), `${file} repairs to older-notes/${file}`);
    }
    assert.deepStrictEqual(flagged, ['000', '001', '003', '004']);
  });
});
