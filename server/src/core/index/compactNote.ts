/**
 * A compact form of a parsed `Note`, for the index to keep in memory: numbers in one `Int32Array`
 * and strings in two string tables (one of Latin-1 strings, one of the rest, so that a heading
 * such as `参考` does not double the size of every other name). It is what a worker thread sends
 * back after parsing (the array's buffer is transferred, not copied), and what `NoteView`
 * presents as a `Note` again, decoding each part only when a feature asks for it.
 *
 * Ten thousand notes hold about a million anchors, two hundred thousand citations and a hundred
 * thousand references: as one object (and one range object) each they took ~44 KB of heap per
 * note. Here a note takes a few KB, and the objects a feature reads are made on demand.
 *
 * Anchors, the part the resolver reads most, have a fixed layout and are presented as small
 * views (`AnchorView`) that read the array. Everything else is stored by a generic encoding of
 * the value tree (objects keep their keys in order, `LineRange`s stay `LineRange`s), so that a
 * field another part of Torii adds to a `Citation` or a `BookEntry` is kept without a change here.
 */

import { LineRange, type Range } from '../text/positions';
import type { Anchor, AnchorKind, BookEntry, BookList, Citation, CitationItem, HeadingRole, Note } from '../syntax/note';
import { authorKey } from '../text/names';

/** A note in compact form. Plain data: it crosses `postMessage` as it is (transfer the two buffers). */
export interface CompactNote {
  path: string;
  lineCount: number;
  /**
   * The anchors, `ANCHOR_INTS` ints each (`AnchorView` reads them); undefined when one of them
   * does not fit that layout (a name of 4,096 characters or more), and they are in `data` instead.
   */
  anchors: Int32Array | undefined;
  /** Every other part of the note, by the generic encoding (varints, see `Encoder`). */
  data: Uint8Array;
  /** Strings whose characters all fit in Latin-1 (V8 keeps such a string at one byte per character). */
  latin: string;
  /** The other strings. */
  wide: string;
}

/**
 * The layout of one anchor: [kind | role << 3 | level << 6 | text length << 11 | icon length << 23
 * (255: none)], text offset, line, range start | range end << 16, parent + 1 | (end line - line)
 * << 16. Five ints (there were seven): an anchor with an icon has its icon and its text stored as
 * one string, the icon just before the text, so the icon needs no offset of its own. At 10,000
 * notes, 940,000 anchors: 3.8 MB less for each int gone.
 */
const ANCHOR_INTS = 5;
const NO_ICON = 0xff;

const enum Tag {
  Undefined = 0,
  Null = 1,
  False = 2,
  True = 3,
  Int = 4,
  Number = 5,
  String = 6,
  Range = 7,
  Array = 8,
  Object = 9,
  AnchorsHere = 10,
  /** An object of one of the `KNOWN_SHAPES`: its index, then its values. */
  KnownObject = 11,
}

/**
 * The key lists of the objects a parsed note holds (reference, file and section part, citation,
 * item, 📚 entry…), written as an index instead of a string in every note. Any other object
 * (a field added to a citation, say) is written with its keys, as before.
 */
const KNOWN_SHAPES: readonly string[][] = [
  ['kind', 'author', 'authorRange', 'title', 'locator', 'url', 'file', 'carriedOver', 'basis', 'range'],
  ['line', 'markerRange', 'range', 'items', 'inQuote'],
  ['line', 'markerRange', 'range', 'items', 'inQuote', 'candidates', 'knownCandidates', 'source'],
  ['text', 'range', 'line', 'file', 'section', 'tentative', 'empty', 'inFence', 'markerRange', 'form'],
  ['text', 'range', 'bare'],
  ['text', 'range', 'quoted'],
  ['line', 'range', 'title', 'urls', 'statuses', 'group', 'author', 'authorRange'],
  ['line', 'year', 'range', 'kind'],
  ['startLine', 'endLine', 'info', 'closed'],
  ['startLine', 'endLine'],
  ['line', 'labelRange', 'endLine', 'entries'],
  ['text', 'range'],
  ['line', 'range', 'title', 'urls', 'statuses', 'group'],
  ['code', 'message', 'range'],
  ['repairedText', 'changedCharacters'],
];

const KINDS: readonly AnchorKind[] = ['heading', 'caps', 'bold', 'term', 'item', 'book'];
const KIND_CODE = new Map<string, number>(KINDS.map((kind, code) => [kind, code]));
const ROLES: ReadonlyArray<HeadingRole | undefined> = [undefined, 'title', 'references', 'progress', 'section'];
const ROLE_CODE = new Map<HeadingRole | undefined, number>(ROLES.map((role, code) => [role, code]));
/** The keys of an anchor, in the order `parseNote` creates them (so that JSON renders alike). */
const ANCHOR_KEYS = ['kind', 'text', 'line', 'range', 'level', 'parent', 'endLine', 'icon', 'role'];

// ── Encoding ─────────────────────────────────────────────────────────────────────────────────

/** The strings of one note, each stored once. A string is stored as (offset, length); a negative offset points into the wide table. */
class StringTable {
  private readonly known = new Map<string, number>();
  private latinLength = 0;
  private readonly wideParts: string[] = [];
  private wideLength = 0;

  /**
   * The last string of 8 characters or more stored, and its offset: a file or section part is
   * usually inside the target written just before it. (The last three were searched once: 0.3 %
   * smaller tables, and searching them cost about 2 % of indexing.)
   */
  private recentText = '';
  private recentOffset = 0;

  /** The offset of `text` (negative for the wide table); its length is `text.length`. */
  add(text: string): number {
    let offset = this.known.get(text);
    if (offset !== undefined) return offset;
    const inside = text.length < this.recentText.length ? this.recentText.indexOf(text) : -1;
    if (inside >= 0) {
      // Inside the stored string: the same table, further on.
      offset = this.recentOffset >= 0 ? this.recentOffset + inside : this.recentOffset - inside;
      this.known.set(text, offset);
      return offset;
    }
    if (this.appendLatin1(text)) {
      offset = this.latinLength;
      this.latinLength += text.length;
    } else {
      offset = -(this.wideLength + 1);
      this.wideParts.push(text);
      this.wideLength += text.length;
    }
    this.known.set(text, offset);
    if (text.length >= 8) {
      this.recentText = text;
      this.recentOffset = offset;
    }
    return offset;
  }

  /**
   * Copies `text`'s character codes after the Latin-1 table's, and true; false, with nothing
   * kept, when one of them is beyond Latin-1.
   */
  private appendLatin1(text: string): boolean {
    const at = this.latinLength;
    if (at + text.length > latinBytes.length) {
      const grown = new Uint8Array(Math.max(latinBytes.length * 2, at + text.length));
      grown.set(latinBytes.subarray(0, at));
      latinBytes = grown;
    }
    const bytes = latinBytes;
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      if (code > 0xff) return false;
      bytes[at + index] = code;
    }
    return true;
  }

  tables(): { latin: string; wide: string } {
    return { latin: oneByteString(latinBytes, this.latinLength), wide: this.wideParts.join('') };
  }
}

/**
 * Scratch space of the Latin-1 table and of the encoder (grown as needed): made once, not once
 * per note, as one note is encoded at a time.
 */
let latinBytes = new Uint8Array(16384);
let encoderBytes = new Uint8Array(16384);

/**
 * The first `length` bytes of `bytes` as a string that V8 stores at one byte per character. A
 * name sliced from a note's text keeps the two-byte storage of the text (every note holds an
 * emoji), whatever its own characters: made from character codes, it takes half the memory.
 */
function oneByteString(bytes: Uint8Array, length: number): string {
  const chunks: string[] = [];
  for (let start = 0; start < length; start += 8192) {
    chunks.push(String.fromCharCode.apply(null, bytes.subarray(start, Math.min(length, start + 8192)) as unknown as number[]));
  }
  return chunks.join('');
}

/**
 * The generic encoding: a tag byte, then the value. Numbers are varints (zigzag, seven bits a
 * byte: most values of a note, lines and columns, take one or two bytes); a string is its
 * offset and length in the tables; an array its length and its items; an object its keys (one
 * string, NUL-separated) and its values. The note itself is an object whose fields each carry
 * their size, so that a reader can go straight to the one it wants.
 */
class Encoder {
  /** The shared scratch buffer: one note is encoded at a time, and `result` copies what it wrote. */
  private bytes = encoderBytes;
  length = 0;
  readonly strings = new StringTable();

  private reserve(count: number): void {
    if (this.length + count <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + count));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = encoderBytes = grown;
  }

  byte(value: number): void {
    this.reserve(1);
    this.bytes[this.length++] = value;
  }

  /** A signed integer of at most 32 bits, zigzag-encoded. */
  int(value: number): void {
    let rest = ((value << 1) ^ (value >> 31)) >>> 0;
    this.reserve(5);
    while (rest >= 0x80) {
      this.bytes[this.length++] = (rest & 0x7f) | 0x80;
      rest >>>= 7;
    }
    this.bytes[this.length++] = rest;
  }

  string(text: string): void {
    this.int(this.strings.add(text));
    this.int(text.length);
  }

  /**
   * Writes the size in bytes of what `write` writes before it, as a varint padded to five bytes
   * (a reader decodes it like any other), so that nothing has to be moved once the size is known.
   */
  sized(write: () => void): void {
    this.reserve(5);
    const at = this.length;
    this.length += 5;
    write();
    let rest = ((this.length - at - 5) << 1) >>> 0;
    for (let index = 0; index < 4; index++) {
      this.bytes[at + index] = (rest & 0x7f) | 0x80;
      rest >>>= 7;
    }
    this.bytes[at + 4] = rest;
  }

  value(value: unknown): void {
    if (value === undefined) {
      this.byte(Tag.Undefined);
    } else if (value === null) {
      this.byte(Tag.Null);
    } else if (value === true || value === false) {
      this.byte(value ? Tag.True : Tag.False);
    } else if (typeof value === 'number') {
      if (Number.isInteger(value) && value >= -0x80000000 && value <= 0x7fffffff && !Object.is(value, -0)) {
        this.byte(Tag.Int);
        this.int(value);
      } else {
        this.byte(Tag.Number);
        this.string(String(value));
      }
    } else if (typeof value === 'string') {
      this.byte(Tag.String);
      this.string(value);
    } else if (value instanceof LineRange) {
      this.byte(Tag.Range);
      this.int(value.line);
      this.int(value.startCharacter);
      this.int(value.endCharacter);
    } else if (Array.isArray(value)) {
      this.byte(Tag.Array);
      this.int(value.length);
      for (const item of value) this.value(item);
    } else if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      const keys = Object.keys(value);
      const shape = shapeOf(keys);
      if (shape.known >= 0) {
        this.byte(Tag.KnownObject);
        this.int(shape.known);
      } else {
        this.byte(Tag.Object);
        this.string(shape.joined);
      }
      for (const key of keys) this.value((value as Record<string, unknown>)[key]);
    } else {
      throw new UnencodableValue(`a ${typeof value === 'object' ? (value as object).constructor?.name ?? 'object' : typeof value}`);
    }
  }

  /** The note: an object whose fields each carry their size. */
  note(value: Record<string, unknown>, writeField: (key: string, field: unknown) => void): void {
    const keys = Object.keys(value);
    this.byte(Tag.Object);
    this.string(keys.join('\u0000'));
    for (const key of keys) this.sized(() => writeField(key, value[key]));
  }

  result(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

/**
 * The keys of an object joined for the string table. A note has a handful of object shapes
 * (reference, range, citation, item…), each met dozens of times: the joined string of each is
 * made once and reused, so the table finds it without hashing a new string.
 */
interface Shape {
  keys: readonly string[];
  joined: string;
  /** The index in `KNOWN_SHAPES`, or -1. */
  known: number;
}

const recentShapes: Shape[] = KNOWN_SHAPES.map((keys, known) => ({ keys, joined: keys.join('\u0000'), known }));

function shapeOf(keys: string[]): Shape {
  for (const shape of recentShapes) {
    if (shape.keys.length !== keys.length) continue;
    let same = true;
    for (let index = 0; index < keys.length && same; index++) same = shape.keys[index] === keys[index];
    if (same) return shape;
  }
  const shape = { keys, joined: keys.join('\u0000'), known: -1 };
  if (recentShapes.length >= KNOWN_SHAPES.length + 32) recentShapes.splice(KNOWN_SHAPES.length, 1);
  recentShapes.push(shape);
  return shape;
}

/** A value the compact form cannot hold as it is (a function, a class instance): the note is kept as parsed instead. */
export class UnencodableValue extends Error {}

/** The anchors in the fixed layout, or undefined when one of them does not fit it. */
function encodeAnchors(anchors: readonly Anchor[], strings: StringTable): Int32Array | undefined {
  const ints = new Int32Array(anchors.length * ANCHOR_INTS);
  for (let index = 0; index < anchors.length; index++) {
    const anchor = anchors[index];
    const range = anchor.range;
    const kind = KIND_CODE.get(anchor.kind);
    const role = ROLE_CODE.get(anchor.role);
    if (
      !hasAnchorKeys(anchor) || kind === undefined || role === undefined ||
      !(range instanceof LineRange) || range.line !== anchor.line || !(range.startCharacter >= 0 && range.startCharacter < 0x10000) || !(range.endCharacter >= 0 && range.endCharacter < 0x10000) ||
      !(Number.isInteger(anchor.level) && anchor.level >= 0 && anchor.level < 32) || typeof anchor.text !== 'string' || anchor.text.length >= 0x1000 ||
      !(anchor.icon === undefined || (typeof anchor.icon === 'string' && anchor.icon.length < NO_ICON)) ||
      !(anchor.parent === undefined || (Number.isInteger(anchor.parent) && anchor.parent >= 0 && anchor.parent + 1 < 0x10000)) ||
      !Number.isInteger(anchor.line) || !Number.isInteger(anchor.endLine) || !(anchor.endLine - anchor.line >= 0 && anchor.endLine - anchor.line < 0x10000)
    ) {
      return undefined;
    }
    const at = index * ANCHOR_INTS;
    ints[at] = kind | (role << 3) | (anchor.level << 6) | (anchor.text.length << 11) | ((anchor.icon === undefined ? NO_ICON : anchor.icon.length) << 23);
    ints[at + 1] = anchor.icon === undefined ? strings.add(anchor.text) : afterPrefix(strings.add(anchor.icon + anchor.text), anchor.icon.length);
    ints[at + 2] = anchor.line;
    ints[at + 3] = range.startCharacter | (range.endCharacter << 16);
    ints[at + 4] = (anchor.parent === undefined ? 0 : anchor.parent + 1) | ((anchor.endLine - anchor.line) << 16);
  }
  return ints;
}

/**
 * The offset of the string `length` characters into the one stored at `offset` (a negative
 * offset counts the other way, into the wide table); `length` negative goes back as many.
 */
function afterPrefix(offset: number, length: number): number {
  return offset >= 0 ? offset + length : offset - length;
}

/** True when the anchor's own keys are `ANCHOR_KEYS`, in that order (read without making a list of them: a note has a hundred anchors). */
function hasAnchorKeys(anchor: Anchor): boolean {
  let at = 0;
  for (const key in anchor) {
    if (!Object.prototype.hasOwnProperty.call(anchor, key)) return false;
    if (key !== ANCHOR_KEYS[at++]) return false;
  }
  return at === ANCHOR_KEYS.length;
}

/** The compact form of a note. Throws `UnencodableValue` when a part of it is not plain data. */
export function encodeNote(note: Note): CompactNote {
  const encoder = new Encoder();
  const anchors = encodeAnchors(note.anchors, encoder.strings);
  // The whole note, in its own key order; the anchors (when they fit their layout) are stored apart.
  encoder.note(note as unknown as Record<string, unknown>, (key, field) => {
    if (key === 'anchors' && anchors) encoder.byte(Tag.AnchorsHere);
    else encoder.value(field);
  });
  return { path: note.path, lineCount: note.lineCount, anchors, data: encoder.result(), ...encoder.strings.tables() };
}

// ── Decoding ─────────────────────────────────────────────────────────────────────────────────

const keyLists = new Map<string, string[]>();

function stringAt(compact: CompactNote, offset: number, length: number): string {
  return offset >= 0 ? compact.latin.slice(offset, offset + length) : compact.wide.slice(-offset - 1, -offset - 1 + length);
}

/**
 * Whether the string at (`offset`, `length`) in the note's tables, folded as an author's name is
 * (`authorKey`), is `folded`, without making it when it is plain ASCII (most names): compared code
 * by code, A–Z folded.
 */
function foldedEquals(compact: CompactNote, offset: number, length: number, folded: string): boolean {
  const table = offset >= 0 ? compact.latin : compact.wide;
  const start = offset >= 0 ? offset : -offset - 1;
  let ascii = true;
  for (let index = 0; index < length && ascii; index++) ascii = table.charCodeAt(start + index) < 0x80;
  // Folded as the index keys authors (`authorKey`): `O’Neil` with a typographic apostrophe is `o'neil`.
  if (!ascii) return authorKey(table.slice(start, start + length)) === folded;
  if (length !== folded.length) return false;
  for (let index = 0; index < length; index++) {
    const code = table.charCodeAt(start + index);
    if ((code >= 0x41 && code <= 0x5a ? code + 0x20 : code) !== folded.charCodeAt(index)) return false;
  }
  return true;
}

/** Reads the generic encoding of one note. */
class Decoder {
  at = 0;

  constructor(private readonly view: NoteView) {}

  private get data(): Uint8Array {
    return this.view.compact.data;
  }

  int(): number {
    const data = this.data;
    let byte = data[this.at++];
    let value = byte & 0x7f;
    let shift = 7;
    while (byte & 0x80) {
      byte = data[this.at++];
      value |= (byte & 0x7f) << shift;
      shift += 7;
    }
    return (value >>> 1) ^ -(value & 1);
  }

  string(): string {
    const offset = this.int();
    return stringAt(this.view.compact, offset, this.int());
  }

  keys(): string[] {
    const joined = this.string();
    let keys = keyLists.get(joined);
    if (!keys) keyLists.set(joined, (keys = joined.length === 0 ? [] : joined.split('\u0000')));
    return keys;
  }

  /** The keys of the object whose tag (`Object` or `KnownObject`) was just read: a known shape's index, or the keys themselves. */
  private objectKeys(tag: number): readonly string[] {
    return tag === Tag.KnownObject ? KNOWN_SHAPES[this.int()] : this.keys();
  }

  value(): unknown {
    switch (this.data[this.at++] as Tag) {
      case Tag.Undefined:
        return undefined;
      case Tag.Null:
        return null;
      case Tag.False:
        return false;
      case Tag.True:
        return true;
      case Tag.Int:
        return this.int();
      case Tag.Number:
        return Number(this.string());
      case Tag.String:
        return this.string();
      case Tag.Range: {
        const line = this.int();
        const start = this.int();
        return new LineRange(line, start, this.int());
      }
      case Tag.Array: {
        const length = this.int();
        const result = new Array<unknown>(length);
        for (let index = 0; index < length; index++) result[index] = this.value();
        return result;
      }
      case Tag.Object:
      case Tag.KnownObject: {
        const keys = this.objectKeys(this.data[this.at - 1]);
        const result: Record<string, unknown> = {};
        for (const key of keys) result[key] = this.value();
        return result;
      }
      case Tag.AnchorsHere:
        return this.view.anchors;
    }
  }

  /** The note's top-level field `name`, or undefined when it has none. */
  field(name: string): unknown {
    return this.seekField(name) ? this.value() : undefined;
  }

  /** Moves past one value without making it. */
  skip(): void {
    switch (this.data[this.at++] as Tag) {
      case Tag.Int:
        this.int();
        return;
      case Tag.Number:
      case Tag.String:
        this.int();
        this.int();
        return;
      case Tag.Range:
        this.int();
        this.int();
        this.int();
        return;
      case Tag.Array:
        for (let count = this.int(); count > 0; count--) this.skip();
        return;
      case Tag.Object:
      case Tag.KnownObject: {
        const keys = this.objectKeys(this.data[this.at - 1]);
        for (let index = 0; index < keys.length; index++) this.skip();
        return;
      }
      default:
        return;
    }
  }

  /** Whether the value here is a string that folds (`authorKey`) to `folded`; moves past it either way. */
  private isFoldedString(folded: string): boolean {
    if (this.data[this.at] !== Tag.String) {
      this.skip();
      return false;
    }
    this.at++;
    const offset = this.int();
    return foldedEquals(this.view.compact, offset, this.int(), folded);
  }

  /**
   * The objects of the lists `field[].inner` (`citations[].items`, `bookLists[].entries`) whose
   * `author`, folded (`authorKey`), is `author`, each given to `make` with its parent's `line`: only those
   * objects are made, the others are passed over. Undefined when the field is not such a list
   * (the caller then filters the field decoded whole).
   */
  byAuthor<T>(field: string, inner: string, author: string, make: (value: unknown, line: number) => T): T[] | undefined {
    const found: T[] = [];
    if (!this.seekField(field)) return found;
    if (this.data[this.at] !== Tag.Array) return undefined;
    this.at++;
    for (let parents = this.int(); parents > 0; parents--) {
      const tag = this.data[this.at++];
      if (tag !== Tag.Object && tag !== Tag.KnownObject) return undefined;
      const keys = this.objectKeys(tag);
      let line = 0;
      let starts: number[] | undefined;
      for (const key of keys) {
        if (key === 'line') {
          line = this.value() as number;
        } else if (key === inner && this.data[this.at] === Tag.Array) {
          this.at++;
          for (let items = this.int(); items > 0; items--) {
            const start = this.at;
            if (this.hasAuthor(author)) (starts ??= []).push(start);
          }
        } else {
          this.skip();
        }
      }
      if (!starts) continue;
      const end = this.at;
      for (const start of starts) {
        this.at = start;
        found.push(make(this.value(), line));
      }
      this.at = end;
    }
    return found;
  }

  /** Whether the object here has `author` (folded, `authorKey`) as its `author`; moves past it. */
  private hasAuthor(author: string): boolean {
    const tag = this.data[this.at];
    if (tag !== Tag.Object && tag !== Tag.KnownObject) {
      this.skip();
      return false;
    }
    this.at++;
    const keys = this.objectKeys(tag);
    let cites = false;
    for (const key of keys) {
      if (key === 'author') cites = this.isFoldedString(author);
      else this.skip();
    }
    return cites;
  }

  /** Puts the reader at the value of the note's top-level field `name`; false when it has none. */
  private seekField(name: string): boolean {
    // The note: its tag, its keys, then each field's size and value.
    this.at = 1;
    for (const key of this.fieldKeys()) {
      const size = this.int();
      if (key === name) return true;
      this.at += size;
    }
    return false;
  }

  /**
   * The note's field names (read from position 1, and passed over): the view keeps them, so that
   * a note read field by field does not slice and look up their joined string each time.
   */
  private fieldKeys(): string[] {
    const kept = this.view.fieldKeys;
    if (!kept) return (this.view.fieldKeys = this.keys());
    this.int();
    this.int();
    return kept;
  }

  /** The whole note, as `parseNote` made it. */
  note(): Record<string, unknown> {
    this.at = 1;
    const result: Record<string, unknown> = {};
    for (const key of this.fieldKeys()) {
      this.int();
      result[key] = this.value();
    }
    return result;
  }
}

/**
 * One anchor of a compact note, read from its ints on each access. It is an `Anchor` to every
 * reader; `JSON.stringify` renders it exactly as the parsed anchor.
 */
export class AnchorView implements Anchor {
  constructor(
    private readonly compact: CompactNote,
    private readonly at: number,
  ) {}

  get kind(): AnchorKind {
    return KINDS[this.compact.anchors![this.at] & 7];
  }

  get role(): HeadingRole | undefined {
    return ROLES[(this.compact.anchors![this.at] >> 3) & 7];
  }

  get level(): number {
    return (this.compact.anchors![this.at] >> 6) & 31;
  }

  get text(): string {
    const ints = this.compact.anchors!;
    return stringAt(this.compact, ints[this.at + 1], (ints[this.at] >> 11) & 0xfff);
  }

  get line(): number {
    return this.compact.anchors![this.at + 2];
  }

  get range(): Range {
    const ints = this.compact.anchors!;
    const columns = ints[this.at + 3];
    return new LineRange(ints[this.at + 2], columns & 0xffff, columns >>> 16);
  }

  get parent(): number | undefined {
    const parent = this.compact.anchors![this.at + 4] & 0xffff;
    return parent === 0 ? undefined : parent - 1;
  }

  get endLine(): number {
    const ints = this.compact.anchors!;
    return ints[this.at + 2] + (ints[this.at + 4] >>> 16);
  }

  get icon(): string | undefined {
    const ints = this.compact.anchors!;
    const length = (ints[this.at] >>> 23) & 0xff;
    return length === NO_ICON ? undefined : stringAt(this.compact, afterPrefix(ints[this.at + 1], -length), length);
  }

  toJSON(): Anchor {
    return { kind: this.kind, text: this.text, line: this.line, range: this.range, level: this.level, parent: this.parent, endLine: this.endLine, icon: this.icon, role: this.role };
  }
}

/**
 * The note whose fields were decoded last, and those fields: a feature reads `note.references`
 * again and again while it works on one note, and gets the same array. Only one note's fields
 * are kept. Keeping more (the last 32 notes, say) made the checker slower, not faster: held
 * across garbage collections, the decoded objects were copied to the old generation, a third of
 * everything decoded, and the heap grew by hundreds of MB between full collections.
 */
let fieldsOf: NoteView | undefined;
let fields = new Map<string, unknown>();
/** The note whose anchors' views were made last, and those views (see `fieldsOf`). */
let anchorsOf: NoteView | undefined;
let anchorViews: Anchor[] = [];

/**
 * A compact note presented as a `Note`. Each field is decoded when first read and kept while the
 * note is among the recently read ones. Readers see plain values: arrays and objects as
 * `parseNote` made them, anchors as `AnchorView`s.
 */
export class NoteView implements Note {
  /** The names of the note's fields, in order, once a decoder has read them (`Decoder.fieldKeys`). */
  fieldKeys: string[] | undefined = undefined;

  constructor(
    readonly compact: CompactNote,
    /** The 📙 citations as the workspace decided them (see `withCitations`), when they differ from the note's own reading. */
    private readonly decidedCitations?: Citation[],
  ) {}

  get path(): string {
    return this.compact.path;
  }

  get lineCount(): number {
    return this.compact.lineCount;
  }

  get anchors(): Anchor[] {
    if (anchorsOf === this) return anchorViews;
    let anchors: Anchor[];
    const ints = this.compact.anchors;
    if (ints) {
      anchors = new Array<Anchor>(ints.length / ANCHOR_INTS);
      for (let index = 0; index < anchors.length; index++) anchors[index] = new AnchorView(this.compact, index * ANCHOR_INTS);
    } else {
      anchors = new Decoder(this).field('anchors') as Anchor[];
    }
    anchorsOf = this;
    anchorViews = anchors;
    return anchors;
  }

  /**
   * One anchor, without making the views of all of them (unless they are made already): a
   * lookup into a note reads a few of its hundred anchors, and a check looks into thousands of
   * notes by turns, so the views made for each lookup were a quarter of what a check allocated.
   */
  anchorAt(index: number): Anchor {
    if (anchorsOf === this || !this.compact.anchors) return this.anchors[index];
    return new AnchorView(this.compact, index * ANCHOR_INTS);
  }

  /** One anchor's text, without making the anchors' views. */
  anchorText(index: number): string {
    const ints = this.compact.anchors;
    if (!ints) return this.anchors[index].text;
    const at = index * ANCHOR_INTS;
    return stringAt(this.compact, ints[at + 1], (ints[at] >> 11) & 0xfff);
  }

  get titleIcon(): string | undefined {
    return this.field('titleIcon') as string | undefined;
  }

  get references(): Note['references'] {
    return this.field('references') as Note['references'];
  }

  get citations(): Note['citations'] {
    return this.decidedCitations ?? (this.field('citations') as Note['citations']);
  }

  get bookLists(): Note['bookLists'] {
    return this.field('bookLists') as Note['bookLists'];
  }

  get years(): Note['years'] {
    return this.field('years') as Note['years'];
  }

  get mentions(): Note['mentions'] {
    return this.field('mentions') as Note['mentions'];
  }

  get separators(): Note['separators'] {
    return this.field('separators') as Note['separators'];
  }

  get fences(): Note['fences'] {
    return this.field('fences') as Note['fences'];
  }

  get referencesBlock(): Note['referencesBlock'] {
    return this.field('referencesBlock') as Note['referencesBlock'];
  }

  get progressBlock(): Note['progressBlock'] {
    return this.field('progressBlock') as Note['progressBlock'];
  }

  get problems(): Note['problems'] {
    return this.field('problems') as Note['problems'];
  }

  get longLines(): Note['longLines'] {
    return this.field('longLines') as Note['longLines'];
  }

  get doubleEncoding(): Note['doubleEncoding'] {
    return this.field('doubleEncoding') as Note['doubleEncoding'];
  }

  /**
   * The 📙 items whose author, folded (`authorKey`), is `author`, each given to `make` with its citation's
   * line, in note order: what `citations` holds of that author, made without the rest (an
   * author's catalog reads every note that cites them, and such a note cites others as well).
   */
  itemsCiting<T>(author: string, make: (item: CitationItem, line: number) => T): T[] {
    const found = this.decidedCitations || this.decoded('citations') ? undefined : new Decoder(this).byAuthor('citations', 'items', author, make as (value: unknown, line: number) => T);
    return found ?? itemsCitingIn(this.citations, author, make);
  }

  /** The 📚 entries whose author, folded (`authorKey`), is `author`, each given to `make`, in note order, made without the rest. */
  entriesListing<T>(author: string, make: (entry: BookEntry) => T): T[] {
    const found = this.decoded('bookLists') ? undefined : new Decoder(this).byAuthor('bookLists', 'entries', author, make as (value: unknown) => T);
    return found ?? entriesListingIn(this.bookLists, author, make);
  }

  /** The note as `parseNote` made it, keys in the same order: for `JSON.stringify` (the index's snapshot). */
  toJSON(): unknown {
    const note = new Decoder(this).note();
    if (this.decidedCitations) note.citations = this.decidedCitations;
    return note;
  }

  /** Whether the field `name` is decoded already (then filtering it costs less than reading the encoding). */
  private decoded(name: string): boolean {
    return fieldsOf === this && fields.has(name);
  }

  /** A top-level field of the note, decoded on first read (undefined when the note has no such key). */
  private field(name: string): unknown {
    if (fieldsOf !== this) {
      fieldsOf = this;
      fields = new Map();
    } else if (fields.has(name)) {
      return fields.get(name);
    }
    const value = new Decoder(this).field(name);
    fields.set(name, value);
    return value;
  }
}

/** The entries of `lists` whose author, as `authorKey` folds it, is `author`, in order, each given to `make`. */
export function entriesListingIn<T>(lists: readonly BookList[], author: string, make: (entry: BookEntry) => T): T[] {
  const found: T[] = [];
  for (const list of lists) for (const entry of list.entries) if (entry.author && authorKey(entry.author) === author) found.push(make(entry));
  return found;
}

/** The items of `citations` whose author, folded (`authorKey`), is `author`, in order, each given to `make` with its citation's line. */
export function itemsCitingIn<T>(citations: readonly Citation[], author: string, make: (item: CitationItem, line: number) => T): T[] {
  const found: T[] = [];
  for (const citation of citations) {
    for (const item of citation.items) if (item.author && authorKey(item.author) === author) found.push(make(item, citation.line));
  }
  return found;
}

/**
 * The note with its 📙 citations as the workspace decided them (DIALECT §6.1: whether a name
 * starts an item can depend on which names are known authors). A compact note stays compact:
 * only the decided citations are held as objects.
 */
export function withCitations(note: Note, citations: Citation[]): Note {
  return note instanceof NoteView ? new NoteView(note.compact, citations) : { ...note, citations };
}
