/**
 * The texts of the documents the editor has open, held so that a client that opens every note
 * of a large folder (some do, to get every note's diagnostics) does not double the server's
 * memory. V8 holds a string with any character above U+00FF at two bytes a character, and every
 * note has one (`# ⛩️`): the 10,000-note benchmark folder, 83 MB on disk, was 163 MB of strings
 * in `TextDocuments` once every note was open.
 *
 * A document is kept as the library's own `TextDocument` while it is in use (the few opened or
 * changed last, and any whose positions were asked for): edits, positions and line offsets work
 * exactly as they do there. The others keep their text as UTF-8 bytes, deflated (zlib, level 1),
 * outside the heap, and make a string from them when asked for it; the next edit or position
 * request brings the document back in use. Nothing of the text is ever dropped, only stored
 * another way. Deflating halves the bytes of the 10,000-note benchmark folder (83 → 40 MB) for
 * about 0.1–0.2 ms a note when it is put away, and inflating a note back takes a few tens of µs.
 *
 * This pays only with the paced reader (`pacedReader.ts`): without it, a client sending every
 * note at once had the protocol library hold all their texts in its queue anyway.
 */

import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Position, Range, TextDocumentsConfiguration } from 'vscode-languageserver';
import * as zlib from 'zlib';
import { linesTyped, type LineSpan } from './typingHold';

/** How many documents stay in use as strings: the ones being typed in and those just opened. */
export const DOCUMENTS_IN_USE = 16;
/** Texts shorter than this are put away as they are: deflating a few hundred bytes saves little. */
const MIN_DEFLATED_BYTES = 512;

export class OpenDocument implements TextDocument {
  /** The document as the library holds it, while in use. */
  private inUse: TextDocument | undefined;
  /**
   * The text as UTF-8 (or UTF-16 when it holds a lone surrogate, which UTF-8 cannot), deflated
   * when that made it smaller, while not in use.
   */
  private bytes: Buffer | undefined;
  private encoding: 'utf8' | 'utf16le' = 'utf8';
  private deflated = false;
  private currentVersion: number;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    version: number,
    content: string,
    private readonly store: OpenDocuments,
  ) {
    this.currentVersion = version;
    this.inUse = TextDocument.create(uri, languageId, version, content);
  }

  get version(): number {
    return this.currentVersion;
  }

  get lineCount(): number {
    return this.document().lineCount;
  }

  /** The whole text, or a range of it. A document not in use makes the string from its bytes and stays as it is. */
  getText(range?: Range): string {
    if (this.inUse) return this.inUse.getText(range);
    const text = this.storedText();
    return range ? TextDocument.create(this.uri, this.languageId, this.currentVersion, text).getText(range) : text;
  }

  positionAt(offset: number): Position {
    return this.document().positionAt(offset);
  }

  offsetAt(position: Position): number {
    return this.document().offsetAt(position);
  }

  getLineRange(line: number): Range {
    return this.document().getLineRange(line);
  }

  getEOLCharacters(line: number): string {
    return this.document().getEOLCharacters(line);
  }

  /** True while the document is held as a string (for the tests). */
  get isInUse(): boolean {
    return this.inUse !== undefined;
  }

  /** The bytes a document put away holds, and whether they are deflated (for the tests). */
  get stored(): { bytes: number; deflated: boolean } | undefined {
    return this.bytes && { bytes: this.bytes.length, deflated: this.deflated };
  }

  /** Applies an edit the editor made (`TextDocuments` calls it through the store). */
  applyChanges(changes: TextDocumentContentChangeEvent[], version: number): void {
    TextDocument.update(this.document(), changes, version);
    this.currentVersion = version;
    this.typed = linesTyped(changes);
  }

  /** The lines the last edit touched (`typingHold.ts`), until asked once. */
  private typed: LineSpan | undefined;

  takeTypedLines(): LineSpan | undefined {
    const typed = this.typed;
    this.typed = undefined;
    return typed;
  }

  /** Stores the text as bytes and lets the string go. */
  putAway(): void {
    if (!this.inUse) return;
    const text = this.inUse.getText();
    this.encoding = isWellFormed(text) ? 'utf8' : 'utf16le';
    const raw = Buffer.from(text, this.encoding);
    // A short or already dense text (a binary file named .md) is kept as it is.
    const packed = raw.length >= MIN_DEFLATED_BYTES ? zlib.deflateRawSync(raw, { level: 1 }) : undefined;
    this.deflated = packed !== undefined && packed.length < raw.length * 0.9;
    // Copied: zlib's result is a view of its 16 KB output chunk, and would keep all of it.
    this.bytes = this.deflated ? Buffer.from(packed!) : raw;
    this.inUse = undefined;
  }

  private storedText(): string {
    return (this.deflated ? zlib.inflateRawSync(this.bytes!) : this.bytes!).toString(this.encoding);
  }

  /** The library's document, brought back in use when needed. */
  private document(): TextDocument {
    if (!this.inUse) {
      this.inUse = TextDocument.create(this.uri, this.languageId, this.currentVersion, this.storedText());
      this.bytes = undefined;
      this.deflated = false;
    }
    this.store.used(this);
    return this.inUse;
  }
}

/** The configuration `TextDocuments` makes and updates its documents with, and the documents in use. */
export class OpenDocuments implements TextDocumentsConfiguration<OpenDocument> {
  /** Documents in use, least recently used first. */
  private readonly inUse = new Set<OpenDocument>();

  constructor(private readonly capacity = DOCUMENTS_IN_USE) {}

  create(uri: string, languageId: string, version: number, content: string): OpenDocument {
    const document = new OpenDocument(uri, languageId, version, content, this);
    this.used(document);
    return document;
  }

  update(document: OpenDocument, changes: TextDocumentContentChangeEvent[], version: number): OpenDocument {
    document.applyChanges(changes, version);
    return document;
  }

  /** Marks a document as just used; the least recently used beyond the capacity are put away. */
  used(document: OpenDocument): void {
    this.inUse.delete(document);
    this.inUse.add(document);
    while (this.inUse.size > this.capacity) {
      const oldest = this.inUse.values().next().value!;
      this.inUse.delete(oldest);
      oldest.putAway();
    }
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const nativeIsWellFormed = (String.prototype as { isWellFormed?: (this: string) => boolean }).isWellFormed;

/**
 * True when the text has no lone surrogate (an editor can send one: JSON escapes it), so UTF-8
 * holds it exactly. Node 20's own check takes 3 µs for an 8 KB note, the expression 18 µs.
 */
export function isWellFormed(text: string): boolean {
  return nativeIsWellFormed ? nativeIsWellFormed.call(text) : !hasLoneSurrogate(text);
}

/** The same question without `String.prototype.isWellFormed` (Node before 20). */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}
