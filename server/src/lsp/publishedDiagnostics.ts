/**
 * What the server last published for each document, so that a recheck which changes nothing
 * sends nothing. A keystroke in a note that hundreds of notes link to rechecks them all once the
 * typing pauses; almost every one comes out as it was, and sending each again would keep the
 * client parsing messages (and redrawing its Problems panel) while the writer types.
 */

import type { Diagnostic } from 'vscode-languageserver';

export class PublishedDiagnostics {
  /** A 52-bit digest of the version and the diagnostics last sent, by URI. */
  private readonly digests = new Map<string, number>();
  /** The document version the client's diagnostics are of, by URI (open documents). */
  private readonly versions = new Map<string, number>();
  /** The diagnostics the client has, for open documents (what typing is compared with: `typingHold.ts`). */
  private readonly shownOpen = new Map<string, readonly Diagnostic[]>();

  /** Records what is about to be sent; false when it is exactly what the client already has. */
  changed(uri: string, version: number | undefined, diagnostics: readonly Diagnostic[]): boolean {
    if (version === undefined) {
      this.versions.delete(uri);
      this.shownOpen.delete(uri);
    } else {
      this.versions.set(uri, version);
      this.shownOpen.set(uri, diagnostics);
    }
    const digest = digestOf(`${version ?? ''}\n${JSON.stringify(diagnostics)}`);
    if (this.digests.get(uri) === digest) return false;
    this.digests.set(uri, digest);
    return true;
  }

  /** The client's diagnostics for `uri` were set some other way (cleared): the next publication is sent. */
  forget(uri: string): void {
    this.digests.delete(uri);
    this.versions.delete(uri);
    this.shownOpen.delete(uri);
  }

  /** What the client was last sent for the open document `uri` (none known: nothing). */
  shown(uri: string): readonly Diagnostic[] {
    return this.shownOpen.get(uri) ?? [];
  }

  /** The version of the open document `uri` whose diagnostics the client has, if any. */
  versionOf(uri: string): number | undefined {
    return this.versions.get(uri);
  }
}

/**
 * Two 32-bit FNV-1a lanes over the UTF-16 code units, with different offsets and the second lane
 * mixing each unit once more, folded into 52 bits (exact in a double). Two different texts
 * share a digest with odds near one in 2^52.
 */
export function digestOf(text: string): number {
  let low = 0x811c9dc5;
  let high = 0x01000193 ^ text.length;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    low = Math.imul(low ^ unit, 0x01000193);
    high = Math.imul(high ^ (unit * 0x9e37 + index), 0x01000193);
  }
  return (high >>> 12) * 0x100000000 + (low >>> 0);
}
