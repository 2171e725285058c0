/**
 * The Markdown preview's plugin: draws 🗄 targets as links (or as dead or outside ones), gives
 * 📙 authors the book they cite in their title, follows each 📚 entry with its citations, and
 * shows a double-encoded note repaired under a banner.
 *
 * VS Code parses a document once and caches the tokens, and its parse knows nothing of which
 * document it reads; only rendering does (`env.currentDocument`). So the plugin works at render
 * time, on a decorated copy of the tokens, from data the extension already holds for that
 * document. It never waits: with no data yet, the note renders as plain Markdown.
 */

import type MarkdownItModule = require('markdown-it');
import type { NotePlaceDto, PreviewDto, PreviewReferenceDto } from '../../../server/src/lsp/protocol';

type MarkdownIt = MarkdownItModule.MarkdownIt;
type Token = MarkdownItModule.Token;

/** What the plugin knows about the document being rendered. */
export interface PreviewModel {
  data: PreviewDto;
  /** The document's lines as the preview renders them. */
  lines: readonly string[];
  /** A link from the rendered document to a line of a note: a relative path with `#L<line>`. */
  hrefTo(place: NotePlaceDto): string;
  /** How a place reads in a title: `kitchen/care.md:27`. */
  describe(place: NotePlaceDto): string;
}

/** One wrap to make on a line: the columns it covers and the tokens that open and close it. */
interface Decoration {
  line: number;
  start: number;
  end: number;
  open: Token;
  close: Token;
}

/** A child token of an inline token, with the columns of the source line it came from. */
interface Placed {
  token: Token;
  line: number;
  start: number;
  end: number;
}

/**
 * Adds the plugin to `md`. `modelFor` is asked at each render with markdown-it's `env`; it must
 * answer at once, from data already at hand.
 */
export function toriiMarkdownIt(md: MarkdownIt, modelFor: (env: unknown) => PreviewModel | undefined): MarkdownIt {
  // The Token class of this markdown-it (VS Code's own copy), so its renderer knows the tokens.
  const TokenClass = new md.core.State('', md, {}).Token;
  const render = md.renderer.render.bind(md.renderer);
  md.renderer.rules.torii_open = (tokens, index, _options, _env, self) => `<span${self.renderAttrs(tokens[index])}>`;
  md.renderer.rules.torii_close = () => '</span>';
  md.renderer.render = (tokens: Token[], options: Required<MarkdownItModule.MarkdownItOptions>, env: MarkdownItModule.Env | undefined): string => {
    let model: PreviewModel | undefined;
    try {
      model = modelFor(env);
    } catch {
      model = undefined;
    }
    if (!model) return render(tokens, options, env);
    const { repairedText } = model.data;
    if (repairedText !== undefined) {
      if (model.lines.join('\n') === repairedText) return render(tokens, options, env);
      return doubleEncodingBanner(md) + render(md.parse(repairedText, {}), options, env);
    }
    try {
      return render(decorate(tokens, model, TokenClass), options, env);
    } catch {
      // A decoration that goes wrong must never cost the user the preview.
      return render(tokens, options, env);
    }
  };
  return md;
}

function doubleEncodingBanner(md: MarkdownIt): string {
  const escape = md.utils.escapeHtml;
  return `<div class="torii-banner" title="${escape('The quick fix “Repair the double encoding” in the editor rewrites the file as it should read.')}">`
    + `<strong>${escape('Double-encoded note')}</strong> ${escape('(UTF-8 read as Mac Roman and saved again): shown repaired below. Repair the file with the quick fix (Ctrl+.) on its first line.')}</div>\n`;
}

/** A copy of `tokens` with the decorations wrapped in; the cached originals are not touched. */
function decorate(tokens: readonly Token[], model: PreviewModel, TokenClass: MarkdownItModule.StateCore['Token']): Token[] {
  const byLine = new Map<number, Decoration[]>();
  const add = (decoration: Decoration) => {
    let list = byLine.get(decoration.line);
    if (!list) byLine.set(decoration.line, (list = []));
    list.push(decoration);
  };
  const make: MakeToken = (type, tag, nesting, attrs = []) => {
    const token = new TokenClass(type, tag, nesting);
    token.attrs = attrs.length > 0 ? attrs : null;
    return token;
  };
  for (const reference of model.data.references) {
    const { open, close } = referenceTokens(reference, model, make);
    add({ line: reference.line, start: reference.start, end: reference.end, open, close });
  }
  for (const citation of model.data.citations) {
    const title = citation.book
      ? `📚 ${citation.book.author} ${citation.book.title} (${model.describe(citation.book)})`
      : citation.titles > 1
        ? `📚 ${citation.author}: ${citation.titles} books are listed; this citation does not say which`
        : `${citation.author} is in no 📚 list of this workspace`;
    const open = citation.book
      ? make('link_open', 'a', 1, [['href', model.hrefTo(citation.book)], ['class', 'torii-cite'], ['title', title]])
      : make('torii_open', 'span', 1, [['class', citation.titles > 1 ? 'torii-cite torii-cite-unsure' : 'torii-cite torii-cite-unlisted'], ['title', title]]);
    add({ line: citation.line, start: citation.start, end: citation.end, open, close: citation.book ? make('link_close', 'a', -1) : make('torii_close', 'span', -1) });
  }
  const entriesByLine = new Map(model.data.bookEntries.map((entry) => [entry.line, entry]));
  const result: Token[] = [];
  for (const token of tokens) {
    if (token.type !== 'inline' || !token.map || !token.children) {
      result.push(token);
      continue;
    }
    const [first, last] = token.map;
    let touches = false;
    for (let line = first; line < last && !touches; line++) touches = byLine.has(line) || entriesByLine.has(line);
    if (!touches) {
      result.push(token);
      continue;
    }
    const copy: Token = Object.assign(Object.create(Object.getPrototypeOf(token)), token);
    copy.children = decorateInline(token.children, first, model, byLine, entriesByLine, make);
    result.push(copy);
  }
  return result;
}

type MakeToken = (type: string, tag: string, nesting: 1 | 0 | -1, attrs?: Array<[string, string]>) => Token;

function referenceTokens(reference: PreviewReferenceDto, model: PreviewModel, make: MakeToken): { open: Token; close: Token } {
  if (reference.status === 'resolved' && reference.target) {
    const section = reference.target.anchorText ? ` › ${reference.target.anchorText}` : '';
    return {
      open: make('link_open', 'a', 1, [['href', model.hrefTo(reference.target)], ['class', 'torii-ref torii-live'], ['title', `→ ${model.describe(reference.target)}${section}`]]),
      close: make('link_close', 'a', -1),
    };
  }
  let title = reference.message;
  let style = 'torii-ambiguous';
  if (reference.status === 'dead_file' || reference.status === 'dead_section') {
    style = 'torii-dead';
    title += reference.fix
      ? `\nFix: change it to ${reference.fix.label} (${model.describe(reference.fix)}), with the quick fix (Ctrl+.) in the editor`
      : '\nNo fix is known: create the note or section it names, or remove the link';
  } else if (reference.status === 'external') {
    style = 'torii-external';
  }
  return { open: make('torii_open', 'span', 1, [['class', `torii-ref ${style}`], ['title', title]]), close: make('torii_close', 'span', -1) };
}

/**
 * Decorates the children of one inline token. Each text and code child is found again in its
 * source line, left to right, to learn its columns; decorations are wrapped around the children
 * that fall inside them, splitting text at their edges. A line whose children cannot all be
 * found (an escape, typographer quotes) is left as it is from there on: plain beats misplaced.
 */
function decorateInline(
  children: readonly Token[],
  firstLine: number,
  model: PreviewModel,
  byLine: ReadonlyMap<number, Decoration[]>,
  entriesByLine: ReadonlyMap<number, PreviewDto['bookEntries'][number]>,
  make: MakeToken,
): Token[] {
  // Place every child on its line and columns.
  const placed: Placed[] = [];
  let line = firstLine;
  let column = 0;
  let lost = false;
  for (const child of children) {
    if (child.type === 'softbreak' || child.type === 'hardbreak') {
      placed.push({ token: child, line, start: -1, end: -1 });
      line++;
      column = 0;
      lost = false;
      continue;
    }
    if ((child.type === 'text' || child.type === 'code_inline') && !lost && child.content) {
      const found = (model.lines[line] ?? '').indexOf(child.content, column);
      if (found >= 0) {
        placed.push({ token: child, line, start: found, end: found + child.content.length });
        column = found + child.content.length;
        continue;
      }
      lost = true;
    }
    placed.push({ token: child, line, start: -1, end: -1 });
  }

  // Split text children at the edges of the decorations on their line.
  const pieces: Placed[] = [];
  for (const piece of placed) {
    const decorations = byLine.get(piece.line);
    if (piece.token.type !== 'text' || piece.start < 0 || !decorations) {
      pieces.push(piece);
      continue;
    }
    const cuts = [...new Set(decorations.flatMap((decoration) => [decoration.start, decoration.end]))].filter((cut) => cut > piece.start && cut < piece.end).sort((a, b) => a - b);
    let from = piece.start;
    for (const cut of [...cuts, piece.end]) {
      const token = make('text', '', 0);
      token.content = piece.token.content.slice(from - piece.start, cut - piece.start);
      pieces.push({ token, line: piece.line, start: from, end: cut });
      from = cut;
    }
  }

  // Wrap each decoration around the run of pieces it covers, when they are plain text and code.
  const opensBefore = new Map<number, Token[]>();
  const closesAfter = new Map<number, Token[]>();
  for (const [decorationLine, decorations] of byLine) {
    for (const decoration of decorations) {
      let first = -1;
      let last = -1;
      let clean = true;
      pieces.forEach((piece, at) => {
        if (piece.line !== decorationLine || piece.start < 0) return;
        const inside = piece.start >= decoration.start && piece.end <= decoration.end;
        const overlaps = piece.start < decoration.end && piece.end > decoration.start;
        if (overlaps && !inside) clean = false;
        if (!inside) return;
        if (first < 0) first = at;
        last = at;
      });
      if (!clean || first < 0) continue;
      if (pieces.slice(first, last + 1).some((piece) => piece.token.type !== 'text' && piece.token.type !== 'code_inline')) continue;
      // Only a run that reads exactly as the source columns: the reference, not something near it.
      const covered = pieces.slice(first, last + 1);
      if (covered[0].start > decoration.start + 1 || covered[covered.length - 1].end < decoration.end - 1) continue;
      opensBefore.set(first, [...(opensBefore.get(first) ?? []), decoration.open]);
      closesAfter.set(last, [decoration.close, ...(closesAfter.get(last) ?? [])]);
    }
  }
  const result: Token[] = [];
  pieces.forEach((piece, at) => {
    result.push(...(opensBefore.get(at) ?? []), piece.token, ...(closesAfter.get(at) ?? []));
  });

  // A 📚 entry is a list item of one line: its citations go at the end of that line.
  const entry = entriesByLine.get(firstLine);
  if (entry) {
    const lineEnd = result.findIndex((token) => token.type === 'softbreak' || token.type === 'hardbreak');
    result.splice(lineEnd < 0 ? result.length : lineEnd, 0, ...citationTokens(entry, model, make));
  }
  return result;
}

/** ` 📙 cookware.md:18 · knives.md:40` after a 📚 entry, each a link to the citation. */
function citationTokens(entry: PreviewDto['bookEntries'][number], model: PreviewModel, make: MakeToken): Token[] {
  const text = (content: string) => {
    const token = make('text', '', 0);
    token.content = content;
    return token;
  };
  const tokens: Token[] = [make('torii_open', 'span', 1, [['class', 'torii-cited'], ['title', `Where ${entry.author} ${entry.title} is cited with 📙`]])];
  const places = [
    ...entry.citations.map((place) => ({ place, label: place.label, title: model.describe(place) })),
    // Citations that name the author but not which book: perhaps this one.
    ...entry.unattributed.map((place) => ({ place, label: `${place.label}?`, title: `${model.describe(place)}: cites ${entry.author} without saying which book` })),
  ];
  if (places.length === 0) {
    tokens.push(text('📙 not cited yet'));
  } else {
    tokens.push(text('📙 '));
    places.forEach(({ place, label, title }, at) => {
      if (at > 0) tokens.push(text(' · '));
      tokens.push(make('link_open', 'a', 1, [['href', model.hrefTo(place)], ['title', title]]), text(label), make('link_close', 'a', -1));
    });
    // The server sends the nearest places only; the Books view lists them all.
    const more = (entry.moreCitations ?? 0) + (entry.moreUnattributed ?? 0);
    if (more > 0) {
      tokens.push(make('torii_open', 'span', 1, [['class', 'torii-more'], ['title', 'The Books view lists every citation']]), text(` · ${more} more`), make('torii_close', 'span', -1));
    }
  }
  tokens.push(make('torii_close', 'span', -1));
  return tokens;
}
