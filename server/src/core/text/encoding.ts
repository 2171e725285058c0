/**
 * Turning the bytes of a `.md` file into text, and recognising the damage DIALECT §1.1
 * describes. Nothing here throws: every outcome is a value the caller reports.
 */

/**
 * The 128 upper characters of Mac Roman, in byte order 0x80–0xFF, as Python's `mac_roman`
 * codec has them (0xDB is `€`, 0xF0 is Apple's private-use logo U+F8FF).
 */
const MAC_ROMAN_UPPER =
  'ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»…\u00a0ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uf8ffÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ';

const macRomanByteOf = new Map<string, number>();
for (let index = 0; index < MAC_ROMAN_UPPER.length; index++) macRomanByteOf.set(MAC_ROMAN_UPPER[index], 0x80 + index);

/**
 * Strings that only appear when the dialect's markers went through the Mac Roman double
 * encoding: `🗄`/`📙`/`📚` → `\uF8FFü…`, `⛩️` → `‚õ©Ô∏è`, `参考` → `ÂèÇËÄÉ`, VS16 → `Ô∏è`.
 */
const DOUBLE_ENCODING_SIGNATURES = /\uf8ffü|‚õ©|ÂèÇËÄÉ|Ô∏è|‚Äô|‚Äú/;

/** A text encoding other than UTF-8 that a note may be in, known by its byte order mark. */
export type Utf16 = 'utf-16le' | 'utf-16be';

export type DecodedFile =
  /** `encoding`: the file is UTF-16 (its byte order mark says which), not UTF-8; `hadBom` is then true. */
  | { kind: 'text'; text: string; hadBom: boolean; encoding?: Utf16 }
  | { kind: 'binary'; message: string }
  | { kind: 'invalid-utf16'; message: string }
  | { kind: 'too-large'; message: string }
  | { kind: 'invalid-utf8'; message: string; byteOffset: number };

/** Files larger than this are not read as notes: a note of 16 MiB is already ten times the largest seen. */
export const MAX_NOTE_BYTES = 16 * 1024 * 1024;

export function tooLargeMessage(size: number): string {
  return `too large to read as a note (${(size / 1048576).toFixed(1)} MiB; Torii reads notes up to ${MAX_NOTE_BYTES / 1048576} MiB)`;
}

/**
 * Decodes a file's bytes as UTF-8, or as UTF-16 when a UTF-16 byte order mark begins them. A NUL
 * byte in the first 8 KiB of any other file means a binary file; bytes that are not UTF-8 are
 * reported with the offset of the first bad byte. A BOM is dropped.
 */
export function decodeNoteBytes(bytes: Uint8Array): DecodedFile {
  if (bytes.length > MAX_NOTE_BYTES) return { kind: 'too-large', message: tooLargeMessage(bytes.length) };
  // UTF-16 with its byte order mark, as Windows Notepad ("Unicode") and Windows PowerShell's `>`
  // write a file: text, whose every other byte is NUL, which VS Code opens as text too.
  const utf16: Utf16 | undefined = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined;
  if (utf16) {
    try {
      const text = new TextDecoder(utf16, { fatal: true, ignoreBOM: true }).decode(bytes);
      return { kind: 'text', text: text.slice(1), hadBom: true, encoding: utf16 };
    } catch {
      return { kind: 'invalid-utf16', message: `not valid ${utf16 === 'utf-16le' ? 'UTF-16 (little-endian)' : 'UTF-16 (big-endian)'}, which its byte order mark says it is: not read as a note` };
    }
  }
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) {
    return { kind: 'binary', message: 'binary content (a NUL byte) in a .md file: not read as a note' };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    const hadBom = text.charCodeAt(0) === 0xfeff;
    return { kind: 'text', text: hadBom ? text.slice(1) : text, hadBom };
  } catch {
    const byteOffset = firstInvalidUtf8Offset(bytes);
    return {
      kind: 'invalid-utf8',
      byteOffset,
      message: `not valid UTF-8 (first bad byte at offset ${byteOffset}): not read as a note`,
    };
  }
}

function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const byte = bytes[index];
    const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte < 0xe0 ? 2 : byte >= 0xe0 && byte < 0xf0 ? 3 : byte >= 0xf0 && byte < 0xf5 ? 4 : 0;
    if (length === 0 || index + length > bytes.length) return index;
    for (let k = 1; k < length; k++) if ((bytes[index + k] & 0xc0) !== 0x80) return index;
    index += length;
  }
  return index;
}

/** The outcome of looking for the Mac Roman double encoding in a note's text. */
export interface DoubleEncoding {
  /** The text as it was before it was read as Mac Roman and saved again. */
  repairedText: string;
  /** How many characters the repair changed: a figure for the message. */
  changedCharacters: number;
}

/**
 * Recognises UTF-8 text that was once read as Mac Roman and saved again, and repairs it the way
 * `text.encode('mac_roman').decode('utf-8')` would. Returns undefined for text that is not
 * damaged, including text with real emoji (they have no Mac Roman byte, so it cannot be).
 */
export function detectDoubleEncoding(text: string): DoubleEncoding | undefined {
  // One pass over the text for all the signatures (a regex), not one pass per signature.
  if (!DOUBLE_ENCODING_SIGNATURES.test(text)) return undefined;
  const bytes = new Uint8Array(text.length);
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) {
      bytes[index] = code;
      continue;
    }
    const byte = macRomanByteOf.get(text[index]);
    if (byte === undefined) return undefined;
    bytes[index] = byte;
  }
  let repairedText: string;
  try {
    repairedText = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  return { repairedText, changedCharacters: text.length - repairedText.length };
}
