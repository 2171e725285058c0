/**
 * Emoji as DIALECT §1.2 defines them: an Extended_Pictographic code point (or a pair of
 * regional indicators), optionally followed by VS16 and a skin tone, optionally joined to more
 * by ZWJ. The property escape uses the engine's Unicode tables (Unicode 15 in Node 20), not
 * general categories, so `🫸` and `🛜` count.
 */

const EXTENDED_PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
const VS16 = 0xfe0f;
const ZWJ = 0x200d;

/** Text-presentation symbols that are Extended_Pictographic but read as prose unless VS16 follows. */
const TEXT_DEFAULT_SYMBOLS = new Set([0xa9, 0xae, 0x203c, 0x2049, 0x2122, 0x2139, 0x2194, 0x2195, 0x2196, 0x2197, 0x2198, 0x2199, 0x21a9, 0x21aa]);

export const FILE_CABINET = 0x1f5c4; // 🗄
export const ORANGE_BOOK = 0x1f4d9; // 📙
export const BOOKS = 0x1f4da; // 📚

function isRegionalIndicator(codePoint: number): boolean {
  return codePoint >= 0x1f1e6 && codePoint <= 0x1f1ff;
}

function isSkinTone(codePoint: number): boolean {
  return codePoint >= 0x1f3fb && codePoint <= 0x1f3ff;
}

export function isPictographic(codePoint: number): boolean {
  return EXTENDED_PICTOGRAPHIC.test(String.fromCodePoint(codePoint));
}

/**
 * The UTF-16 length of the emoji that starts at `index` in `text`, or 0 when none does.
 * Trailing VS16s are part of the emoji (`🗄️️` is one emoji of length 4).
 */
export function emojiLengthAt(text: string, index: number): number {
  const unit = text.charCodeAt(index);
  // Below U+203C only © and ® are pictographic, and they need VS16: the common case costs one compare.
  if (unit < 0x203c && unit !== 0xa9 && unit !== 0xae) return 0;
  const first = text.codePointAt(index);
  if (first === undefined) return 0;
  let end = index;
  if (isRegionalIndicator(first)) {
    const second = text.codePointAt(index + 2);
    end = index + 2 + (second !== undefined && isRegionalIndicator(second) ? 2 : 0);
    return end - index;
  }
  if (!isPictographic(first)) return 0;
  end = index + (first > 0xffff ? 2 : 1);
  if (TEXT_DEFAULT_SYMBOLS.has(first) && text.charCodeAt(end) !== VS16) return 0;
  for (;;) {
    while (text.charCodeAt(end) === VS16) end++;
    const modifier = text.codePointAt(end);
    if (modifier !== undefined && isSkinTone(modifier)) end += 2;
    if (text.charCodeAt(end) !== ZWJ) break;
    const joined = text.codePointAt(end + 1);
    if (joined === undefined || !isPictographic(joined)) break;
    end += 1 + (joined > 0xffff ? 2 : 1);
  }
  return end - index;
}

/** The base code point of the emoji at `index` (VS16 and joins ignored), for comparing markers. */
export function baseCodePointAt(text: string, index: number): number | undefined {
  return text.codePointAt(index);
}

/** Removes every emoji, VS16 and ZWJ from `text` (the anchor normal form of DIALECT §8.1). */
export function stripEmoji(text: string): string {
  if (!/[\u00a9\u00ae\u200d\u203c-\uffff]/.test(text)) return text;
  let result = '';
  for (let index = 0; index < text.length; ) {
    const length = emojiLengthAt(text, index);
    if (length > 0) {
      index += length;
      continue;
    }
    const unit = text.charCodeAt(index);
    if (unit === VS16 || unit === ZWJ) {
      index++;
      continue;
    }
    const codePoint = text.codePointAt(index)!;
    const width = codePoint > 0xffff ? 2 : 1;
    result += text.slice(index, index + width);
    index += width;
  }
  return result;
}
