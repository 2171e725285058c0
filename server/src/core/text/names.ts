/**
 * Names as Torii compares them: note file names and authors. Text that came through macOS or a
 * PDF may spell `é` as `e` and a combining accent (Unicode's decomposed form, NFD) where typed
 * text has one `é` (composed, NFC). Both are the same name to the writer.
 */

/** `text` in Unicode's composed form (NFC). Most names are ASCII, which is its own composed form. */
export function composed(text: string): string {
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) > 0x7f) return text.normalize('NFC');
  return text;
}

/**
 * A name as lookups that ignore case compare it: composed (NFC), then lower case. Note names
 * (`Café.md` as macOS wrote it and `café.md` as a link spells it) and authors (`Müller` pasted
 * from a PDF and `Müller` typed) alike.
 */
export function foldName(name: string): string {
  return composed(name).toLowerCase();
}

/**
 * An author's name as lookups compare it: folded as `foldName` does, and with a typographic
 * apostrophe read as the typed one, as the dialect's normal form reads it (`O’Neil` pasted from a
 * web page is the `O'Neil` typed). Note names keep theirs: `don’t.md` and `don't.md` are two files.
 */
export function authorKey(name: string): string {
  // Typographic apostrophes are not ASCII: an ASCII name (most are) only needs its case folded.
  for (let index = 0; index < name.length; index++) if (name.charCodeAt(index) > 0x7f) return straightApostrophes(name.normalize('NFC').toLowerCase());
  return name.toLowerCase();
}

/** `text` with its typographic apostrophes (`’`, `‘`) written as the typed one (`'`). */
function straightApostrophes(text: string): string {
  return text.includes('’') || text.includes('‘') ? text.replace(/[’‘]/g, "'") : text;
}

/** `text` with the characters a regular expression reads as syntax escaped. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A regular expression's source that finds `text` (composed) however the same name is written:
 * each accented letter composed or decomposed (`é`, or `e` and a combining acute accent), and each
 * apostrophe straight or typographic (`'`, `’`, `‘`). ASCII text without an apostrophe is its own
 * pattern, escaped.
 */
export function eitherFormPattern(text: string): string {
  if (/^[\x00-\x26\x28-\x7f]*$/.test(text)) return escapeRegExp(text);
  let pattern = '';
  for (const character of text) {
    if (character === "'" || character === '’' || character === '‘') {
      pattern += "['’‘]";
      continue;
    }
    const decomposed = character.normalize('NFD');
    pattern += decomposed === character ? escapeRegExp(character) : `(?:${escapeRegExp(character)}|${escapeRegExp(decomposed)})`;
  }
  return pattern;
}
