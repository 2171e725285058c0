/**
 * The dialect layer: turns a note's text into a `Note` (DIALECT §2–§7). It runs on the line
 * scanner, never throws, and reports what it could not make sense of as `NoteProblem`s.
 */

import { detachString, makeRange, splitLines } from '../text/positions';
import { detectDoubleEncoding } from '../text/encoding';
import type { Anchor, BookList, Citation, HeadingRole, Note, NoteMention, Reference, YearEntry } from './note';
import { isInFence, scanLines, type ScannedLine } from './scanner';
import { emojiLengthAt } from './emoji';
import { inlineCodeSpans, isAsciiLowerCode, isAsciiUpperCode, isSpaceOrVs16Code, isWhitespaceCode, markerSpanEnd, mayStartEmoji, urlStartsAt } from './inline';
import { findXrefMarkers, parseTargets } from './references';
import { findCitationMarkers, firstCitedAuthor, parseBookEntry, parseCitation, readCitationSpan, type CitationSpan } from './citations';

/** Lines longer than this are pasted data, not prose: they are not read for dialect syntax. */
export const MAX_DIALECT_LINE = 100_000;
/** Lines read for the dialect longer than this are listed in `Note.longLines` (the others are shorter). */
export const LONG_LINE = 10_000;
const BOOKS_LABEL = /^[ \t]*\u{1F4DA}[\uFE0F\s]*$/u;
const TERM = /^_([^_]+)_:(?=\s|$)/;
const BOLD_LABEL = /^__([^_].*?)__[ \t]*$/;
const LIST_CONTENT = /^[ \t]*(?:[*+-]|\d{1,9}[.)])\uFE0F*[ \t]*(?:\[[ xX]\][ \t]*)?/;

/**
 * Where a list item's content starts: the length of `LIST_CONTENT`'s match (indentation, the
 * marker, stray VS16s, spaces, a `[ ]` box), read without a regex: every list item asks.
 */
function listContentStart(line: string): number {
  let index = 0;
  while (isSpaceOrTabCode(line.charCodeAt(index))) index++;
  const marker = line.charCodeAt(index);
  if (marker === 0x2a || marker === 0x2b || marker === 0x2d) {
    index++;
  } else {
    let digits = 0;
    for (let code = line.charCodeAt(index); digits < 10 && code >= 0x30 && code <= 0x39; code = line.charCodeAt(index + digits)) digits++;
    const delimiter = line.charCodeAt(index + digits);
    // The scanner has already read a marker here; anything else gets the regex's own answer.
    if (digits === 0 || digits > 9 || (delimiter !== 0x2e && delimiter !== 0x29)) return LIST_CONTENT.exec(line)![0].length;
    index += digits + 1;
  }
  while (line.charCodeAt(index) === 0xfe0f) index++;
  while (isSpaceOrTabCode(line.charCodeAt(index))) index++;
  const box = line.charCodeAt(index + 1);
  if (line.charCodeAt(index) === 0x5b && (box === 0x20 || box === 0x78 || box === 0x58) && line.charCodeAt(index + 2) === 0x5d) {
    index += 3;
    while (isSpaceOrTabCode(line.charCodeAt(index))) index++;
  }
  return index;
}

function isSpaceOrTabCode(code: number): boolean {
  return code === 0x20 || code === 0x09;
}
/**
 * A line without any of these holds no 🗄 or 📙 marker (both start with the surrogate U+D83D),
 * no backticked note name and no U+FFFD: most prose lines, which the passes below then skip.
 */
const INLINE_SYNTAX_CHARACTERS = ['\uD83D', '`', '\uFFFD'];
/** The same characters as one class, for a text tested line by line. */
const MAY_HOLD_INLINE_SYNTAX = /[\uD83D`\uFFFD]/;

/**
 * Per line of `text`, 1 when it holds one of `INLINE_SYNTAX_CHARACTERS`. The characters are
 * looked for in the whole text, a native scan each, rather than by a regex on every line; a text
 * with a CR (whose line breaks are not all one character) is tested line by line.
 */
export function linesHoldingSyntax(text: string, lines: readonly string[]): Uint8Array {
  const holding = new Uint8Array(lines.length);
  if (text.includes('\r')) {
    for (let line = 0; line < lines.length; line++) holding[line] = MAY_HOLD_INLINE_SYNTAX.test(lines[line]) ? 1 : 0;
    return holding;
  }
  for (const character of INLINE_SYNTAX_CHARACTERS) {
    let line = 0;
    let lineEnd = lines[0].length;
    for (let at = text.indexOf(character); at >= 0; at = text.indexOf(character, at + 1)) {
      while (at > lineEnd) lineEnd += 1 + lines[++line].length;
      holding[line] = 1;
    }
  }
  return holding;
}

/** A 📙 marker of a line (`[start, end)` with its VS16s) and what follows it. */
interface CitationMarker {
  start: number;
  end: number;
  span: CitationSpan;
}

function citationMarkersOf(line: string): CitationMarker[] {
  return findCitationMarkers(line).map(([start, end]) => ({ start, end, span: readCitationSpan(line, end) }));
}

/** Parses one note. `path` is workspace-relative and `/`-separated. Never throws. */
export function parseNote(path: string, text: string): Note {
  try {
    return parseNoteOrThrow(path, text);
  } catch (error) {
    // A bug must cost one note its dialect features, visibly, never the server or the check.
    return {
      path, lineCount: splitLines(text).length, anchors: [], references: [], citations: [], bookLists: [], years: [], mentions: [], separators: [], fences: [],
      problems: [{ code: 'unparsable', message: `Torii could not read this note (${error instanceof Error ? error.message : String(error)}); please report it.`, range: makeRange(0, 0, 0) }],
    };
  }
}

/**
 * The 📙 citations `parseNote` reads in a note made of this one line, without making the rest of
 * the note: what completion and the author fixes ask of a line as it would read once written
 * (`* a thin slicer 📙 Chang knife skills [1]`), once for every item they offer. A text with a line
 * break is read as the note it is.
 */
export function lineCitations(line: string): Citation[] {
  if (/[\r\n]/.test(line)) return parseNote('', line).citations;
  // 📙 starts with U+D83D; a line too long is not read for syntax at all.
  if (!line.includes('\uD83D') || line.length > MAX_DIALECT_LINE) return [];
  try {
    if (detectDoubleEncoding(line)) return [];
    const scanned = scanLines([line]).scanned[0];
    if (!readsInlineSyntax(scanned)) return [];
    const markers = citationMarkersOf(line);
    const knownAuthors = new Set<string>();
    addFirstAuthors(markers, knownAuthors);
    return markers.map(({ start, end, span }) => parseCitation(line, 0, start, end, knownAuthors, scanned.kind === 'quote', span));
  } catch {
    // As `parseNote`: a bug costs the line its citations, never the caller.
    return [];
  }
}

/**
 * Whether a line is read for 🗄 links, 📙 citations and mentions: not code, a heading, a
 * separator, a fence line or a blank one.
 */
function readsInlineSyntax(scanned: ScannedLine): boolean {
  const kind = scanned.kind;
  return !isInFence(scanned) && kind !== 'heading' && kind !== 'separator' && kind !== 'blank' && kind !== 'fence-open' && kind !== 'fence-close';
}

/** Adds the author each citation starts with: known authors start new 📙 items (§6.1). */
function addFirstAuthors(markers: readonly CitationMarker[], known: Set<string>): void {
  for (const { span } of markers) {
    const author = firstCitedAuthor(span);
    if (author) known.add(author);
  }
}

function parseNoteOrThrow(path: string, text: string): Note {
  const lines = splitLines(text);
  const note: Note = {
    path,
    lineCount: lines.length,
    anchors: [],
    references: [],
    citations: [],
    bookLists: [],
    years: [],
    mentions: [],
    separators: [],
    fences: [],
    problems: [],
  };
  const doubleEncoding = detectDoubleEncoding(text);
  if (doubleEncoding) {
    note.doubleEncoding = doubleEncoding;
    note.problems.push({
      code: 'double-encoded',
      message: 'This note is double-encoded (UTF-8 read as Mac Roman and saved again): 🗄 shows as üóÑ behind a private-use character. Repair it to read it as a note.',
      range: makeRange(0, 0, lines[0].length),
    });
    return note;
  }
  const { scanned, fences } = scanLines(lines);
  note.fences = fences;
  for (const fence of fences) {
    // A fence that its list item or quote ended is closed by CommonMark; only one that runs to the end is a problem.
    if (!fence.closed && fence.endLine === lines.length - 1) {
      note.problems.push({
        code: 'unclosed-fence',
        message: `This code fence never closes: the rest of the note (to line ${fence.endLine + 1}) is read as code.`,
        range: makeRange(fence.startLine, 0, lines[fence.startLine].length),
      });
    }
  }
  new NoteBuilder(note, lines, scanned, linesHoldingSyntax(text, lines)).build();
  return note;
}

class NoteBuilder {
  private readonly blockItemLines = new Set<number>();
  private readonly bookItemLines = new Set<number>();
  private readonly knownAuthors = new Set<string>();
  /** Each 📙 line's markers and what follows them, read once for the known authors and kept for the citations. */
  private readonly citationSpans = new Map<number, CitationMarker[]>();
  private role: HeadingRole | undefined;

  /**
   * `mayHoldSyntax`, per line: 1 when it may hold a marker, a backticked name or U+FFFD
   * (`linesHoldingSyntax`), so that the passes below skip the rest.
   */
  constructor(
    private readonly note: Note,
    private readonly lines: string[],
    private readonly scanned: ScannedLine[],
    private readonly mayHoldSyntax: Uint8Array,
  ) {}

  build(): void {
    this.collectKnownAuthors();
    this.collectBookLists();
    for (let lineNumber = 0; lineNumber < this.lines.length; lineNumber++) this.visitLine(lineNumber);
    this.linkAnchors();
  }

  /** Authors that begin a citation or a 📚 entry in this note: they start new 📙 items (§6.1). */
  private collectKnownAuthors(): void {
    for (let lineNumber = 0; lineNumber < this.lines.length; lineNumber++) {
      // 📙 starts with U+D83D: a line without one cites nothing.
      if (!this.mayHoldSyntax[lineNumber]) continue;
      if (!readsInlineSyntax(this.scanned[lineNumber]) || this.lines[lineNumber].length > MAX_DIALECT_LINE) continue;
      const markers = citationMarkersOf(this.lines[lineNumber]);
      if (markers.length === 0) continue;
      this.citationSpans.set(lineNumber, markers);
      addFirstAuthors(markers, this.knownAuthors);
    }
  }

  private visitLine(lineNumber: number): void {
    const line = this.lines[lineNumber];
    const scanned = this.scanned[lineNumber];
    if (line.length > MAX_DIALECT_LINE) {
      // A pasted log or a minified blob: its block structure counts, its contents are not read.
      this.note.problems.push({
        code: 'long-line',
        message: `Line ${lineNumber + 1} has ${line.length.toLocaleString('en')} characters; Torii does not read lines longer than ${MAX_DIALECT_LINE.toLocaleString('en')} for 🗄, 📙 or headings.`,
        range: makeRange(lineNumber, 0, 0),
      });
      return;
    }
    if (line.length > LONG_LINE) (this.note.longLines ??= []).push({ line: lineNumber, length: line.length });
    if (scanned.fenceIndex !== undefined) {
      // Markers in code are not dialect syntax, but 🗄 targets there stay navigable (§1.3).
      const fence = this.note.fences[scanned.fenceIndex];
      if (lineNumber !== fence.startLine && !(fence.closed && lineNumber === fence.endLine)) this.collectReferences(lineNumber, true);
      return;
    }
    switch (scanned.kind) {
      case 'heading':
        this.addHeading(lineNumber, scanned);
        return;
      case 'separator':
        if (/^ {0,3}-{3,}\s*$/.test(line)) this.note.separators.push(lineNumber);
        return;
      case 'list-item':
        this.addListItem(lineNumber);
        break;
      case 'text':
        this.addPseudoHeading(lineNumber);
        break;
      default:
        break;
    }
    if (!readsInlineSyntax(scanned)) return;
    if (!this.mayHoldSyntax[lineNumber]) return;
    if (line.includes('\uFFFD')) {
      const at = line.indexOf('\uFFFD');
      this.note.problems.push({
        code: 'replacement-character',
        message: 'A U+FFFD replacement character: something (often an emoji) was lost here when the file was saved.',
        range: makeRange(lineNumber, at, at + 1),
      });
    }
    this.collectReferences(lineNumber, false);
    this.collectCitations(lineNumber, scanned.kind === 'quote');
    this.collectMentions(lineNumber);
  }

  private addHeading(lineNumber: number, scanned: ScannedLine): void {
    const line = this.lines[lineNumber];
    const start = scanned.contentStart!;
    const end = scanned.contentEnd!;
    const content = line.slice(start, end);
    const level = scanned.level!;
    if (lineNumber === 0 && level === 1 && !/\s/.test(content.trim())) {
      this.note.titleIcon = content.trim();
      this.role = 'title';
      this.pushAnchor({ kind: 'heading', text: '', line: 0, range: makeRange(0, start, end), level, role: 'title', icon: content.trim() });
      return;
    }
    let nameStart = start;
    let icon: string | undefined;
    const emojiLength = emojiLengthAt(line, start);
    const firstCodePoint = line.codePointAt(start);
    const firstWidth = firstCodePoint !== undefined && firstCodePoint > 0xffff ? 2 : 1;
    if (emojiLength > 0) {
      icon = line.slice(start, start + emojiLength);
      nameStart = start + emojiLength;
    } else if (firstCodePoint !== undefined && /[\p{So}\p{Sm}]/u.test(String.fromCodePoint(firstCodePoint)) && /\s/.test(line[start + firstWidth] ?? '')) {
      // Icons that are not emoji: `⠎`, `⑃`, `䷤` (DIALECT §1.2).
      icon = line.slice(start, start + firstWidth);
      nameStart = start + firstWidth;
    }
    while (nameStart < end && isSpaceOrVs16Code(line.charCodeAt(nameStart))) nameStart++;
    const name = stripInlineMarkup(line.slice(nameStart, end));
    const role: HeadingRole = /^参考$/.test(name) ? 'references' : /^进步$/.test(name) || (level === 2 && /^(now|next|done)$/.test(name)) ? 'progress' : 'section';
    this.role = role;
    this.pushAnchor({ kind: 'heading', text: name, line: lineNumber, range: makeRange(lineNumber, nameStart, end), level, role, icon });
  }

  /** ALL-CAPS pseudo-headings and `__bold__` labels (DIALECT §2.3). */
  private addPseudoHeading(lineNumber: number): void {
    const line = this.lines[lineNumber];
    const bold = BOLD_LABEL.exec(line);
    if (bold) {
      this.pushAnchor({ kind: 'bold', text: bold[1].trim(), line: lineNumber, range: makeRange(lineNumber, 2, 2 + bold[1].length), level: 7 });
      return;
    }
    const label = capsLabelSpan(line);
    if (label) this.pushAnchor({ kind: 'caps', text: label.text, line: lineNumber, range: makeRange(lineNumber, 0, label.length), level: 7 });
  }

  private addListItem(lineNumber: number): void {
    if (this.blockItemLines.has(lineNumber) || this.bookItemLines.has(lineNumber)) return;
    const line = this.lines[lineNumber];
    const contentStart = listContentStart(line);
    const content = line.slice(contentStart);
    const term = content.charCodeAt(0) === 0x5f ? TERM.exec(content) : null;
    if (term) {
      const text = term[1].trim();
      const range = makeRange(lineNumber, contentStart + 1, contentStart + 1 + term[1].length);
      if (/^\d{2}$/.test(text) || /^\d{4}$/.test(text)) {
        const kind: YearEntry['kind'] = text.length === 2 || this.role === 'progress' ? 'progress' : 'timeline';
        this.note.years.push({ line: lineNumber, year: text, range, kind });
        return;
      }
      this.pushAnchor({ kind: 'term', text: stripInlineMarkup(text), line: lineNumber, range, level: 8 });
      return;
    }
    const head = itemHead(content);
    if (head) {
      const start = contentStart + head.offset;
      this.pushAnchor({ kind: 'item', text: head.text, line: lineNumber, range: makeRange(lineNumber, start, start + head.text.length), level: 9 });
    }
  }

  /** 📚 lists (DIALECT §6.2), collected first so their items are not also read as item heads. */
  private collectBookLists(): void {
    for (let lineNumber = 0; lineNumber < this.lines.length; lineNumber++) {
      // 📚 starts with U+D83D as well.
      if (!this.mayHoldSyntax[lineNumber] || isInFence(this.scanned[lineNumber]) || !BOOKS_LABEL.test(this.lines[lineNumber])) continue;
      const labelStart = this.lines[lineNumber].indexOf('\u{1F4DA}');
      const list: BookList = { line: lineNumber, labelRange: makeRange(lineNumber, labelStart, labelStart + 2), endLine: lineNumber, entries: [] };
      let group: string | undefined;
      let cursor = lineNumber + 1;
      // The grouped form: `📚`, a blank line, then `CAPS` labels each followed by entries.
      const grouped = this.scanned[cursor]?.kind === 'blank' && capsLabel(this.lines[cursor + 1] ?? '') !== undefined;
      while (cursor < this.lines.length) {
        const kind = this.scanned[cursor].kind;
        const line = this.lines[cursor];
        if (kind === 'list-item') {
          const contentStart = listContentStart(line);
          list.entries.push(parseBookEntry(line, cursor, contentStart, group));
          this.bookItemLines.add(cursor);
        } else if (kind === 'quote' && !opensLinkBlock(line, this.scanned[cursor + 1]?.kind)) {
          // A quote under a 📚 label is a remark about the list (`> buy the hardcover`); a quoted
          // lone 🗄 opens a block of links, whose items are links and not books (an item read as
          // both changed under Fix all, found by the Fix all property).
        } else if (grouped && kind === 'blank' && capsLabel(this.lines[cursor + 1] ?? '') !== undefined) {
          // The blank line between two groups.
        } else if (grouped && kind === 'text' && capsLabel(line) !== undefined && (this.scanned[cursor - 1]?.kind === 'blank')) {
          group = capsLabel(line);
        } else {
          break;
        }
        list.endLine = cursor;
        cursor++;
      }
      this.note.bookLists.push(list);
    }
  }

  private collectReferences(lineNumber: number, inFence: boolean): void {
    const line = this.lines[lineNumber];
    for (const marker of findXrefMarkers(line)) {
      const markerRange = makeRange(lineNumber, marker.start, marker.end);
      if (marker.bodyEmpty) {
        if (inFence) continue;
        const before = line.slice(0, marker.start);
        const isLabel = LABEL_BEFORE.test(before);
        if (isLabel && this.scanned[lineNumber + 1]?.kind === 'list-item') {
          this.collectBlock(lineNumber, markerRange);
        } else {
          this.note.references.push(newReference({ text: '', range: markerRange, line: lineNumber, tentative: false, empty: true }, inFence, markerRange, 'inline'));
        }
        continue;
      }
      const end = markerSpanEnd(line, marker.bodyStart);
      const form = /^[\s>]*$/.test(line.slice(0, marker.start)) ? 'line' : 'inline';
      for (const target of parseTargets(line, lineNumber, marker.bodyStart, end)) {
        this.note.references.push(newReference(target, inFence, markerRange, form));
      }
    }
  }

  /** The items under a bare `🗄` label: one or more targets each, up to the first non-item line. */
  private collectBlock(labelLine: number, markerRange: Reference['markerRange']): void {
    for (let lineNumber = labelLine + 1; lineNumber < this.lines.length && this.scanned[lineNumber].kind === 'list-item'; lineNumber++) {
      // An item already read under an earlier label (`🗄`, `* 🗄`, `* item`) is not read twice.
      if (this.blockItemLines.has(lineNumber)) continue;
      this.blockItemLines.add(lineNumber);
      const line = this.lines[lineNumber];
      const contentStart = listContentStart(line);
      // `` * `hone`: strop helper `` under a bare 🗄 defines a name; it is not a reference (§5.1).
      if (/^`[^`]+`:/.test(line.slice(contentStart))) continue;
      const end = markerSpanEnd(line, contentStart);
      for (const target of parseTargets(line, lineNumber, contentStart, end)) {
        this.note.references.push(newReference(target, false, markerRange, 'block'));
      }
    }
  }

  private collectCitations(lineNumber: number, inQuote: boolean): void {
    const line = this.lines[lineNumber];
    const markers = this.citationSpans.get(lineNumber) ?? citationMarkersOf(line);
    for (const { start, end, span } of markers) {
      const citation: Citation = parseCitation(line, lineNumber, start, end, this.knownAuthors, inQuote, span);
      this.note.citations.push(citation);
    }
  }

  /** Backticked `*.md` tokens that no 🗄 reference owns (`🔗 \`brine.md\``): links, not diagnosed (§5.7). */
  private collectMentions(lineNumber: number): void {
    const line = this.lines[lineNumber];
    if (!line.includes('.md`') && !line.includes('.MD`')) return;
    // The file parts of this line's 🗄 references (the last ones collected): they are references, not mentions.
    const owned = new Set<number>();
    for (let index = this.note.references.length - 1; index >= 0 && this.note.references[index].line === lineNumber; index--) {
      const file = this.note.references[index].file;
      if (file) owned.add(file.range.start.character);
    }
    for (const [start, end] of inlineCodeSpans(line)) {
      const text = line.slice(start + 1, end - 1);
      if (!/^[^`\s]+\.md$/i.test(text)) continue;
      if (owned.has(start + 1)) continue;
      const mention: NoteMention = { text: detachString(text), range: makeRange(lineNumber, start + 1, end - 1) };
      this.note.mentions.push(mention);
    }
  }

  private pushAnchor(anchor: Omit<Anchor, 'parent' | 'endLine'>): void {
    this.note.anchors.push(newAnchor(anchor.kind, anchor.text, anchor.line, anchor.range, anchor.level, anchor.icon, anchor.role));
  }

  /** Sets each anchor's parent and scope, and the 参考 / 进步 blocks. */
  private linkAnchors(): void {
    const anchors = this.note.anchors;
    for (const list of this.note.bookLists) {
      for (const entry of list.entries) {
        if (!entry.author) continue;
        const text = entry.title ? `${entry.author} ${entry.title}` : entry.author;
        anchors.push(newAnchor('book', text, entry.line, entry.range, 10, undefined, undefined));
      }
    }
    anchors.sort((a, b) => a.line - b.line || a.level - b.level);
    const headingStack: number[] = [];
    let pseudo: number | undefined;
    for (let index = 0; index < anchors.length; index++) {
      const anchor = anchors[index];
      if (anchor.kind === 'heading') {
        if (anchor.role === 'title') continue;
        while (headingStack.length > 0 && anchors[headingStack[headingStack.length - 1]].level >= anchor.level) headingStack.pop();
        anchor.parent = headingStack[headingStack.length - 1];
        headingStack.push(index);
        pseudo = undefined;
      } else if (anchor.kind === 'caps' || anchor.kind === 'bold') {
        anchor.parent = headingStack[headingStack.length - 1];
        pseudo = index;
      } else {
        anchor.parent = pseudo ?? headingStack[headingStack.length - 1];
      }
    }
    const lastContentLine = (from: number, to: number) => {
      let line = to;
      while (line > from && this.scanned[line]?.kind === 'blank') line--;
      return line;
    };
    const headings = anchors.map((anchor, index) => ({ anchor, index })).filter(({ anchor }) => anchor.kind === 'heading' && anchor.role !== 'title');
    for (let k = 0; k < headings.length; k++) {
      const { anchor } = headings[k];
      let next = this.lines.length;
      for (let j = k + 1; j < headings.length; j++) {
        if (headings[j].anchor.level <= anchor.level) {
          next = headings[j].anchor.line;
          break;
        }
      }
      anchor.endLine = lastContentLine(anchor.line, next - 1);
      if (anchor.role === 'references' && !this.note.referencesBlock) this.note.referencesBlock = { startLine: anchor.line, endLine: anchor.endLine };
      if (anchor.role === 'progress' && !this.note.progressBlock) this.note.progressBlock = { startLine: anchor.line, endLine: anchor.endLine };
    }
    for (let index = 0; index < anchors.length; index++) {
      const anchor = anchors[index];
      if (anchor.kind !== 'caps' && anchor.kind !== 'bold') continue;
      let next = this.lines.length;
      for (let j = index + 1; j < anchors.length; j++) {
        const kind = anchors[j].kind;
        if (kind === 'heading' || kind === 'caps' || kind === 'bold') {
          next = anchors[j].line;
          break;
        }
      }
      anchor.endLine = lastContentLine(anchor.line, next - 1);
    }
  }
}

/** A reference with every field in one order, for one compact object shape. */
function newReference(
  target: Pick<Reference, 'text' | 'range' | 'line' | 'tentative' | 'empty'> & Partial<Pick<Reference, 'file' | 'section'>>,
  inFence: boolean,
  markerRange: Reference['markerRange'],
  form: Reference['form'],
): Reference {
  return {
    text: target.text, range: target.range, line: target.line, file: target.file, section: target.section,
    tentative: target.tentative, empty: target.empty, inFence, markerRange, form,
  };
}

/**
 * Every anchor is built with the same fields in the same order, so V8 gives them all one
 * compact shape: a workspace holds about a hundred anchors per note.
 */
function newAnchor(kind: Anchor['kind'], text: string, line: number, range: Anchor['range'], level: number, icon: string | undefined, role: Anchor['role']): Anchor {
  return { kind, text: detachString(text), line, range, level, parent: undefined, endLine: line, icon, role };
}

/**
 * The label of an ALL-CAPS pseudo-heading line (DIALECT §2.3), or undefined. For
 * `KNIFE STORAGE 🗄️ \`kitchen/tools.md\` magnetic strip` it is `KNIFE STORAGE`; for
 * `SPARE STONES = \`$SHOP/stones\`` it is `SPARE STONES`.
 */
export function capsLabel(line: string): string | undefined {
  return capsLabelSpan(line)?.text;
}

/**
 * The label and how much of the line it takes. A label never ends inside a `( … )` aside: inline
 * code in an aside is part of it, as in a heading (``KEYS (`CMD R`)`` is `KEYS (CMD R)`, over the
 * whole line), and an aside cut by a URL or an emoji is left out (`HONING (https://…)` is `HONING`).
 */
export function capsLabelSpan(line: string): { text: string; length: number } | undefined {
  if (line.length === 0 || /^[#*\->|`_!<[\s]/.test(line)) return undefined;
  // The label starts with the line's first character (it is not a space), and must start with
  // a capital or a digit: a line of prose is turned away here, before any scan.
  const first = line.charCodeAt(0);
  if (!(isAsciiUpperCode(first) || (first >= 0x30 && first <= 0x39))) return undefined;
  // `The knife…`: a small letter right after the first one is in the label whatever follows (not in
  // an aside, not a possessive's s, not trimmed away), so the line is prose; no need to scan it.
  if (isAsciiLowerCode(line.charCodeAt(1))) return undefined;
  let end = line.length;
  let depth = 0;
  let openedAt = -1;
  for (let index = 0; index < line.length; index++) {
    const code = line.charCodeAt(index);
    if (code === 0x28) {
      if (depth++ === 0) openedAt = index;
      continue;
    }
    if (code === 0x29 && depth > 0) {
      depth--;
      continue;
    }
    if (code === 0x60 && depth > 0) {
      const after = codeSpanEnd(line, index);
      if (after !== undefined) {
        index = after - 1;
        continue;
      }
    }
    if (code === 0x60 || code === 0x5b || urlStartsAt(line, index) || (mayStartEmoji(code) && emojiLengthAt(line, index) > 0)) {
      end = index;
      break;
    }
  }
  let label = line.slice(0, depth > 0 && end < line.length ? openedAt : end).trimEnd();
  for (;;) {
    const trimmed = label.replace(/\s*=$/, '').replace(/:$/, '').trim();
    if (trimmed === label) break;
    label = trimmed;
  }
  const text = label.includes('`') ? label.replace(/`/g, '') : label;
  if (!/^[A-Z0-9]/.test(text)) return undefined;
  const withoutAsides = text.replace(/\([^)]*\)/g, '').replace(/['’]s\b/g, '');
  if (/[a-z]/.test(withoutAsides)) return undefined;
  if (!hasTwoCapitals(text)) return undefined;
  return { text, length: label.length };
}

/** Where the code span opened by the backtick run at `start` ends (CommonMark: a closing run of the same length), if it closes. */
function codeSpanEnd(line: string, start: number): number | undefined {
  let run = 0;
  while (line[start + run] === '`') run++;
  for (let index = start + run; index < line.length; ) {
    if (line[index] !== '`') {
      index++;
      continue;
    }
    let closing = 0;
    while (line[index + closing] === '`') closing++;
    if (closing === run) return index + closing;
    index += closing;
  }
  return undefined;
}

/**
 * The head of a list item (DIALECT §8.1): its text before the first `:`, URL, `(`, backtick or
 * emoji, when that is four words or fewer. `* honing rod: keeps the edge` → `honing rod`.
 */
function itemHead(content: string): { text: string; offset: number } | undefined {
  let end = content.length;
  // Words are counted on the way: a fifth word before the end means a sentence, not a head.
  let words = 0;
  let inWord = false;
  for (let index = 0; index < content.length; index++) {
    const code = content.charCodeAt(index);
    if (code === 0x3a || code === 0x28 || code === 0x60 || ((code === 0x68 || code === 0x48) && urlStartsAt(content, index)) || (mayStartEmoji(code) && emojiLengthAt(content, index) > 0)) {
      end = index;
      break;
    }
    if (isWhitespaceCode(code)) {
      inWord = false;
    } else if (!inWord) {
      inWord = true;
      if (++words > 4) return undefined;
    }
  }
  const raw = content.slice(0, end);
  const text = raw.trim();
  if (text.length === 0 || !/\p{L}/u.test(text)) return undefined;
  return { text, offset: raw.indexOf(text) };
}

/** Whether `text` holds at least two ASCII capitals (counted without making a list of them). */
function hasTwoCapitals(text: string): boolean {
  let capitals = 0;
  for (let index = 0; index < text.length; index++) {
    if (isAsciiUpperCode(text.charCodeAt(index)) && ++capitals === 2) return true;
  }
  return false;
}

/** Removes inline Markdown markup from a name: `` `x` ``, `**x**`, `_x_`. */
function stripInlineMarkup(text: string): string {
  if (!/[`*_]/.test(text)) return text.trim();
  return text.replace(/`/g, '').replace(/\*\*/g, '').replace(/(^|\s)_([^_]+)_(?=\s|$)/g, '$1$2').trim();
}

/** Whether `line` is a lone 🗄 label (`🗄`, `> 🗄`, `* 🗄`) with a list item below: the items are its links. */
function opensLinkBlock(line: string, nextKind: string | undefined): boolean {
  if (nextKind !== 'list-item') return false;
  return isLinkBlockLabel(line);
}

/** Whether `line` is a lone 🗄 label (`🗄`, `> 🗄`, `* 🗄`): the list items below it are links. */
export function isLinkBlockLabel(line: string): boolean {
  return findXrefMarkers(line).some((marker) => marker.bodyEmpty && LABEL_BEFORE.test(line.slice(0, marker.start)));
}

/** What may stand before a 🗄 label on its line: quote marks, and a list bullet. */
const LABEL_BEFORE = /^[\s>]*(?:[*+-]\uFE0F*\s+)?$/;
