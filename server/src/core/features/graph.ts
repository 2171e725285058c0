/**
 * The graph of the notes (**Torii: Show graph**): notes as nodes, 🗄 references between them as
 * edges, dead links as edges to placeholder nodes. A note's links are summed once per check
 * (`summarizeNoteLinks`, kept by the workspace beside its diagnostics), so that the graph of ten
 * thousand notes is put together from those summaries without resolving anything again.
 */

import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { ReferenceReport } from './check';
import { findNoteByRules } from './resolve';

/** Where one note's 🗄 references lead, summed per target. */
export interface NoteLinks {
  /** Other notes its references resolve into, with how many references lead there. */
  resolved: Map<string, number>;
  /** Notes that exist but lack the section a reference names (dead sections), with how many. */
  deadSections: Map<string, number>;
  /** Note names written but found nowhere (dead files), by basename: `fire.md` → how many and why. */
  missing: Map<string, { count: number; reason: string }>;
  /** Dead references inside the note itself (a same-note section that is gone). */
  deadInside: number;
  /** Targets outside the collection: other collections' notes, PDFs, commands. */
  external: number;
  ambiguous: number;
}

/**
 * Sums the references of the note at `path` by where they lead. References in code fences are
 * left out, as diagnostics leave them out; references to the note itself are not edges.
 */
export function summarizeNoteLinks(index: WorkspaceIndex, path: string, reports: readonly ReferenceReport[]): NoteLinks {
  const links: NoteLinks = { resolved: new Map(), deadSections: new Map(), missing: new Map(), deadInside: 0, external: 0, ambiguous: 0 };
  const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  for (const { reference, resolution } of reports) {
    if (reference.inFence) continue;
    switch (resolution.status) {
      case 'resolved':
        if (resolution.target && resolution.target.path !== path) add(links.resolved, resolution.target.path);
        break;
      case 'external':
        links.external++;
        break;
      case 'ambiguous':
        links.ambiguous++;
        break;
      case 'dead_section': {
        // The note the file part names still exists: the dead edge leads to it.
        const written = reference.file?.text;
        const lookup = written ? findNoteByRules(index, folder, /\.md$/i.test(written) ? written : `${written}.md`) : undefined;
        const holder = lookup && lookup.paths.length === 1 ? lookup.paths[0] : undefined;
        if (holder && holder !== path) add(links.deadSections, holder);
        else links.deadInside++;
        break;
      }
      case 'dead_file': {
        const written = reference.file?.text;
        if (!written) {
          links.deadInside++;
          break;
        }
        const basename = written.slice(written.lastIndexOf('/') + 1);
        const name = /\.md$/i.test(basename) ? basename : `${basename.replace(/\.[^.]*$/, '')}.md`;
        const known = links.missing.get(name);
        if (known) known.count++;
        else links.missing.set(name, { count: 1, reason: resolution.kind });
        break;
      }
    }
  }
  return links;
}

/** A node: a note, or a placeholder for a note name that dead links ask for. */
export interface GraphNode {
  /** The note's path, or the missing name (`fire.md`) for a placeholder. */
  id: string;
  label: string;
  /** The first folder of the path (`kitchen` for `kitchen/knives.md`), `''` at the top. */
  folder: string;
  missing: boolean;
  /** References from other notes that resolve into it. */
  incoming: number;
  /** References from it that resolve into other notes. */
  outgoing: number;
  /** Its dead references (or, for a placeholder, the dead references that ask for it). */
  dead: number;
  external: number;
  /** No reference from another note leads to it. */
  orphan: boolean;
  /** For a placeholder: why the links to it are dead (`foreign-note` never makes one; `split-or-deleted`, `typo-extension`, …). */
  reason?: string;
}

/** References from one node to another, summed; `dead` edges lead to a missing note or section. */
export interface GraphEdge {
  source: number;
  target: number;
  count: number;
  dead: boolean;
}

export interface NoteGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** The top folders, sorted: node colours are picked by position in this list. */
  folders: string[];
  /** The index of the focused note in `nodes`, for a local graph. */
  focus?: number;
}

/** The whole collection, or the notes within `hops` references of `focus` (either direction). */
export interface GraphScope {
  focus?: string;
  hops?: number;
}

/**
 * The graph of the notes in `index`, from each note's link summary. `linksOf` gives the summary
 * of a note (the workspace keeps them from its last check). Incoming counts and orphans are
 * always counted over the whole collection, so a local graph shows the same sizes.
 */
export function computeGraph(index: WorkspaceIndex, linksOf: (path: string) => NoteLinks, scope: GraphScope = {}): NoteGraph {
  const paths = index.notePaths().sort();
  const summaries = new Map<string, NoteLinks>();
  for (const path of paths) summaries.set(path, linksOf(path));
  const incoming = new Map<string, number>();
  for (const links of summaries.values()) {
    for (const [target, count] of links.resolved) if (index.hasNote(target)) incoming.set(target, (incoming.get(target) ?? 0) + count);
  }

  let included: Set<string> | undefined;
  if (scope.focus !== undefined && summaries.has(scope.focus)) included = neighbourhood(summaries, scope.focus, Math.max(0, scope.hops ?? 1));

  const nodes: GraphNode[] = [];
  const indexOf = new Map<string, number>();
  const addNode = (node: GraphNode): number => {
    indexOf.set(node.id, nodes.length);
    nodes.push(node);
    return nodes.length - 1;
  };
  for (const path of paths) {
    if (included && !included.has(path)) continue;
    const links = summaries.get(path)!;
    const slash = path.lastIndexOf('/');
    const deadCount = sum(links.deadSections.values()) + sum([...links.missing.values()].map((missing) => missing.count)) + links.deadInside;
    const into = incoming.get(path) ?? 0;
    addNode({
      id: path,
      label: path.slice(slash + 1),
      folder: topFolder(path),
      missing: false,
      incoming: into,
      outgoing: sum(links.resolved.values()),
      dead: deadCount,
      external: links.external,
      orphan: into === 0,
    });
  }

  const edges: GraphEdge[] = [];
  for (const path of paths) {
    const source = indexOf.get(path);
    if (source === undefined) continue;
    const links = summaries.get(path)!;
    for (const [target, count] of links.resolved) {
      const at = indexOf.get(target);
      if (at !== undefined) edges.push({ source, target: at, count, dead: false });
    }
    for (const [target, count] of links.deadSections) {
      const at = indexOf.get(target);
      if (at !== undefined) edges.push({ source, target: at, count, dead: true });
    }
    for (const [name, { count, reason }] of links.missing) {
      const id = `missing:${name}`;
      let at = indexOf.get(id);
      if (at === undefined) at = addNode({ id, label: name, folder: '', missing: true, incoming: 0, outgoing: 0, dead: 0, external: 0, orphan: false, reason });
      nodes[at].dead += count;
      edges.push({ source, target: at, count, dead: true });
    }
  }
  const focus = scope.focus !== undefined ? indexOf.get(scope.focus) : undefined;
  // Placeholders have no folder of their own: they are coloured apart.
  const folders = [...new Set(nodes.filter((node) => !node.missing).map((node) => node.folder))].sort();
  return { nodes, edges, folders, ...(focus !== undefined ? { focus } : {}) };
}

/** The notes within `hops` resolved or dead-section references of `start`, following links both ways. */
function neighbourhood(summaries: ReadonlyMap<string, NoteLinks>, start: string, hops: number): Set<string> {
  const neighbours = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    let set = neighbours.get(a);
    if (!set) neighbours.set(a, (set = new Set()));
    set.add(b);
  };
  for (const [source, links] of summaries) {
    for (const target of [...links.resolved.keys(), ...links.deadSections.keys()]) {
      if (!summaries.has(target)) continue;
      link(source, target);
      link(target, source);
    }
  }
  const seen = new Set([start]);
  let frontier = [start];
  for (let hop = 0; hop < hops && frontier.length > 0; hop++) {
    const next: string[] = [];
    for (const path of frontier) {
      for (const neighbour of neighbours.get(path) ?? []) {
        if (seen.has(neighbour)) continue;
        seen.add(neighbour);
        next.push(neighbour);
      }
    }
    frontier = next;
  }
  return seen;
}

function topFolder(path: string): string {
  const slash = path.indexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
