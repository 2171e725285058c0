/**
 * Semantic tokens for what a grammar cannot know: whether a 🗄 target resolves, is dead or
 * points outside the collection, and whether a 📙 author is known. Standard token types and
 * modifiers where they fit (`deprecated` for a dead target, which a theme may strike through;
 * VS Code's default themes do not, so package.json maps `dead` to an `invalid` scope), with
 * three of Torii's own modifiers.
 */

import type { WorkspaceIndex } from '../index/workspaceIndex';
import { resolveReference, type ResolverOptions } from './resolve';

export const TOKEN_TYPES = ['namespace', 'property', 'type'] as const;
export const TOKEN_MODIFIERS = ['deprecated', 'dead', 'external', 'unknown'] as const;

export type TokenType = (typeof TOKEN_TYPES)[number];
export type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

/** One token on one line: `🗄 \`metals.md\` patina` gives a `namespace` for `metals.md` and a `property` for `patina`. */
export interface SemanticToken {
  line: number;
  start: number;
  length: number;
  type: TokenType;
  modifiers: TokenModifier[];
}

export function computeSemanticTokens(index: WorkspaceIndex, path: string, options: ResolverOptions): SemanticToken[] {
  const entry = index.getNote(path);
  if (!entry) return [];
  const tokens: SemanticToken[] = [];
  for (const reference of entry.note.references) {
    if (reference.inFence || reference.empty) continue;
    const resolution = resolveReference(index, path, reference, options);
    const modifiers: TokenModifier[] =
      resolution.status === 'dead_file' || resolution.status === 'dead_section' ? ['deprecated', 'dead'] : resolution.status === 'external' ? ['external'] : [];
    // A dead section in a note that exists: the file part is fine, the section is not.
    const fileModifiers: TokenModifier[] = resolution.status === 'dead_section' && reference.file ? [] : modifiers;
    if (reference.file) tokens.push(tokenOver(reference.file.range, 'namespace', fileModifiers));
    if (reference.section) tokens.push(tokenOver(reference.section.range, 'property', modifiers));
  }
  for (const citation of entry.note.citations) {
    for (const item of citation.items) {
      if (!item.author || !item.authorRange || item.carriedOver) continue;
      const known = index.isListed(item.author) || index.isCitedElsewhere(item.author, path, citation.line);
      tokens.push(tokenOver(item.authorRange, 'type', known ? [] : ['unknown']));
    }
  }
  return tokens.sort((a, b) => a.line - b.line || a.start - b.start);
}

function tokenOver(range: { start: { line: number; character: number }; end: { character: number } }, type: TokenType, modifiers: TokenModifier[]): SemanticToken {
  return { line: range.start.line, start: range.start.character, length: range.end.character - range.start.character, type, modifiers };
}
