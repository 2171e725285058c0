/**
 * The graph of the notes (**Torii: Show graph**): notes as nodes, 🗄 references between them as
 * edges, dead links as edges to placeholder nodes. A note's links are summed once per check
 * (`summarizeNoteLinks`, kept by the workspace beside its diagnostics), so that the graph of ten
 * thousand notes is put together from those summaries without resolving anything again.
 */

import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { ReferenceReport } from './check';
import { findNoteByRules } from './resolve/noteNames';

/** Where one note's 🗄 references lead, summed per target. */
export interface NoteLinks {
  /** Other notes its references resolve into, with how many references lead there. */
  resolved: ReadonlyMap<string, number>;
  /** Notes that exist but lack the section a reference names (dead sections), with how many. */
  deadSections: ReadonlyMap<string, number>;
  /** Note names written but found nowhere (dead files), by the basename written: `sourdouh.md` → how many and why. */
  missing: ReadonlyMap<string, { count: number; reason: string }>;
  /** Dead references inside the note itself (a same-note section that is gone). */
  deadInside: number;
  /** Targets outside the collection: other collections' notes, PDFs, commands. */
  external: number;
  ambiguous: number;
  /**
   * Of those, the notes of sibling collections its references lead into, and those whose section
   * they lack, by `acrossKey`, with how many: a graph of several folders joins them.
   */
  across: ReadonlyMap<string, number>;
  deadAcross: ReadonlyMap<string, number>;
}

/** The key of a sibling collection's note in `NoteLinks.across`: its collection's name, then its path. */
export function acrossKey(root: string, path: string): string {
  return `${root}\u0000${path}`;
}

/**
 * Each note's link summary, as of its last check, and the graphs made from them. A graph is kept
 * until a summary changes: asking again for an unchanged collection (the view refreshing, the
 * editor moving back to a note) costs nothing, and a recheck that finds the same links changes
 * nothing.
 */
export class NoteGraphCache {
  private readonly linksByNote = new Map<string, NoteLinks>();
  private readonly graphs = new Map<string, NoteGraph>();

  /** A note's summary, or undefined when the note was never checked. */
  get(path: string): NoteLinks | undefined {
    return this.linksByNote.get(path);
  }

  set(path: string, links: NoteLinks): void {
    const before = this.linksByNote.get(path);
    this.linksByNote.set(path, links);
    if (!before || !sameLinks(before, links)) this.graphs.clear();
  }

  delete(path: string): void {
    if (this.linksByNote.delete(path)) this.graphs.clear();
  }

  /**
   * The graph of `scope`, made once per change of any summary. The index's notes must be the
   * ones summarised (every note is checked after it changes); `linksOf` fills in those not yet.
   */
  graph(index: WorkspaceIndex, linksOf: (path: string) => NoteLinks, scope: GraphScope = {}): NoteGraph {
    const key = scope.focus === undefined ? '' : `${scope.hops ?? 1}:${scope.focus}`;
    let graph = this.graphs.get(key);
    if (!graph) {
      graph = computeGraph(index, linksOf, scope);
      // Local graphs follow the editor from note to note: keep a few, not one per note ever visited.
      if (this.graphs.size > 16) this.graphs.clear();
      this.graphs.set(key, graph);
    }
    return graph;
  }
}

function sameLinks(a: NoteLinks, b: NoteLinks): boolean {
  const sameCounts = (x: ReadonlyMap<string, number>, y: ReadonlyMap<string, number>) => x.size === y.size && [...x].every(([key, count]) => y.get(key) === count);
  return a.deadInside === b.deadInside && a.external === b.external && a.ambiguous === b.ambiguous
    && sameCounts(a.resolved, b.resolved) && sameCounts(a.deadSections, b.deadSections)
    && a.missing.size === b.missing.size && [...a.missing].every(([name, missing]) => b.missing.get(name)?.count === missing.count && b.missing.get(name)?.reason === missing.reason)
    && sameCounts(a.across, b.across) && sameCounts(a.deadAcross, b.deadAcross);
}

/**
 * Sums the references of the note at `path` by where they lead. References in code fences are
 * left out, as diagnostics leave them out; references to the note itself are not edges.
 */
export function summarizeNoteLinks(index: WorkspaceIndex, path: string, reports: readonly ReferenceReport[]): NoteLinks {
  const links = { resolved: new Map<string, number>(), deadSections: new Map<string, number>(), missing: new Map<string, { count: number; reason: string }>(), deadInside: 0, external: 0, ambiguous: 0, across: new Map<string, number>(), deadAcross: new Map<string, number>() };
  const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  for (const { reference, resolution } of reports) {
    if (reference.inFence) continue;
    switch (resolution.status) {
      case 'resolved':
        // Into a sibling collection: out of this one, as far as its graph goes.
        if (resolution.target?.root !== undefined) {
          links.external++;
          add(links.across, acrossKey(resolution.target.root, resolution.target.path));
        } else if (resolution.target && resolution.target.path !== path) add(links.resolved, resolution.target.path);
        break;
      case 'external':
        links.external++;
        break;
      case 'ambiguous':
        links.ambiguous++;
        break;
      case 'dead_section': {
        if (resolution.fileRule === 'sibling') {
          links.external++;
          if (resolution.note?.root !== undefined) add(links.deadAcross, acrossKey(resolution.note.root, resolution.note.path));
          break;
        }
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
        // The name as written (`flour.com`, `sourdouh.md`), `.md` added when it has no extension.
        const basename = written.slice(written.lastIndexOf('/') + 1);
        const name = /\.[^.]+$/.test(basename) ? basename : `${basename}.md`;
        const known = links.missing.get(name);
        if (known) known.count++;
        else links.missing.set(name, { count: 1, reason: resolution.kind });
        break;
      }
    }
  }
  // A summary is kept for every note: most have no dead links, and share one empty map for them.
  return {
    ...links,
    resolved: links.resolved.size > 0 ? links.resolved : NO_COUNTS,
    deadSections: links.deadSections.size > 0 ? links.deadSections : NO_COUNTS,
    missing: links.missing.size > 0 ? links.missing : NO_MISSING,
    across: links.across.size > 0 ? links.across : NO_COUNTS,
    deadAcross: links.deadAcross.size > 0 ? links.deadAcross : NO_COUNTS,
  };
}

const NO_COUNTS: ReadonlyMap<string, number> = new Map();
const NO_MISSING: ReadonlyMap<string, { count: number; reason: string }> = new Map();

/**
 * The graph, column by column: node `i` is `ids[i]`, with `folder[i]`, `incoming[i]`, …. Ten
 * thousand notes and a hundred thousand edges are built, sent and read as flat arrays of numbers (the
 * edges grouped by their source);
 * an object per node and per edge costs more to make than the rest of the work together.
 */
export interface NoteGraph {
  /** A note's path, or for a placeholder the note name that dead links ask for (`fire.md`). */
  ids: string[];
  /** The index of the node's top folder in `folders`; -1 for a placeholder. */
  folder: number[];
  /** References from other notes that resolve into the node. */
  incoming: number[];
  /** References from the node that resolve into other notes. */
  outgoing: number[];
  /** The node's dead references; for a placeholder, the dead references that ask for it. */
  dead: number[];
  /** References from the node to targets outside the collection. */
  external: number[];
  /** For a placeholder, why the links to it are dead (`typo`, `split-into-folder`, …); `''` for a note. */
  reason: string[];
  /**
   * The edges, grouped by source: node `i`'s edges are those from `edgeStart[i]` to
   * `edgeStart[i + 1]` (one entry more than there are nodes) in `edgeTarget` and `edgeCount`.
   */
  edgeStart: number[];
  edgeTarget: number[];
  /** How many references the edge stands for; negative when they are dead. */
  edgeCount: number[];
  /** The top folders (`kitchen` for `kitchen/knives.md`, `''` for notes at the top), sorted. */
  folders: string[];
  /** The focused note of a local graph. */
  focus?: number;
  /**
   * The whole collection's links into sibling collections' notes (counted in `external` too): from
   * node `acrossSource[k]` to `acrossTarget[k]` (`acrossKey`), `acrossCount[k]` references,
   * negative when their section is not there. A graph of several folders joins them.
   */
  acrossSource: number[];
  acrossTarget: string[];
  acrossCount: number[];
}

/** The whole collection, or the notes within `hops` references of `focus` (either direction). */
export interface GraphScope {
  focus?: string;
  hops?: number;
}

/**
 * The graph of the notes in `index`, from each note's link summary. `linksOf` gives the summary
 * of a note (the workspace keeps them from its last check). Incoming counts are always counted
 * over the whole collection, so a local graph shows the same sizes; a note with none is an orphan.
 */
export function computeGraph(index: WorkspaceIndex, linksOf: (path: string) => NoteLinks, scope: GraphScope = {}): NoteGraph {
  const paths = index.notePaths().sort();
  const summaries = paths.map(linksOf);
  const position = new Map<string, number>();
  paths.forEach((path, at) => position.set(path, at));
  const incomingByNote = new Array<number>(paths.length).fill(0);
  for (const links of summaries) {
    links.resolved.forEach((count, target) => {
      const at = position.get(target);
      if (at !== undefined) incomingByNote[at] += count;
    });
  }
  const included = scope.focus !== undefined && position.has(scope.focus) ? neighbourhood(paths, summaries, position, position.get(scope.focus)!, Math.max(0, scope.hops ?? 1)) : undefined;

  const folders = [...new Set(paths.filter((_, at) => !included || included[at]).map(topFolder))].sort();
  const folderIndex = new Map(folders.map((folder, at) => [folder, at]));
  const graph: NoteGraph = { ids: [], folder: [], incoming: [], outgoing: [], dead: [], external: [], reason: [], edgeStart: [], edgeTarget: [], edgeCount: [], folders, acrossSource: [], acrossTarget: [], acrossCount: [] };
  const nodeOf = new Int32Array(paths.length).fill(-1);
  paths.forEach((path, at) => {
    if (included && !included[at]) return;
    const links = summaries[at];
    let outgoing = 0;
    for (const count of links.resolved.values()) outgoing += count;
    let dead = links.deadInside;
    for (const count of links.deadSections.values()) dead += count;
    for (const missing of links.missing.values()) dead += missing.count;
    nodeOf[at] = graph.ids.length;
    graph.ids.push(path);
    graph.folder.push(folderIndex.get(topFolder(path))!);
    graph.incoming.push(incomingByNote[at]);
    graph.outgoing.push(outgoing);
    graph.dead.push(dead);
    graph.external.push(links.external);
    graph.reason.push('');
    // Links into other folders' notes, for a graph of every folder (a local graph leaves them out).
    if (!included) {
      for (const [key, count] of links.across) addAcross(graph, nodeOf[at], key, count);
      for (const [key, count] of links.deadAcross) addAcross(graph, nodeOf[at], key, -count);
    }
  });
  const placeholders = new Map<string, number>();
  paths.forEach((_, at) => {
    if (nodeOf[at] < 0) return;
    graph.edgeStart.push(graph.edgeTarget.length);
    const links = summaries[at];
    links.resolved.forEach((count, target) => {
      const at = position.get(target);
      if (at !== undefined && nodeOf[at] >= 0) addEdge(graph, nodeOf[at], count);
    });
    links.deadSections.forEach((count, target) => {
      const at = position.get(target);
      if (at !== undefined && nodeOf[at] >= 0) addEdge(graph, nodeOf[at], -count);
    });
    for (const [name, { count, reason }] of links.missing) {
      let node = placeholders.get(name);
      if (node === undefined) {
        node = graph.ids.length;
        placeholders.set(name, node);
        graph.ids.push(name);
        graph.folder.push(-1);
        graph.incoming.push(0);
        graph.outgoing.push(0);
        graph.dead.push(0);
        graph.external.push(0);
        graph.reason.push(reason);
      }
      graph.dead[node] += count;
      addEdge(graph, node, -count);
    }
  });
  // Placeholders have no edges of their own; the last entry closes the last node's edges.
  while (graph.edgeStart.length <= graph.ids.length) graph.edgeStart.push(graph.edgeTarget.length);
  if (scope.focus !== undefined && position.has(scope.focus)) graph.focus = nodeOf[position.get(scope.focus)!];
  return graph;
}

/** The notes within `hops` resolved or dead-section references of note `start`, following links both ways. */
function neighbourhood(paths: readonly string[], summaries: readonly NoteLinks[], position: ReadonlyMap<string, number>, start: number, hops: number): Uint8Array {
  const neighbours: number[][] = paths.map(() => []);
  summaries.forEach((links, source) => {
    for (const targets of [links.resolved, links.deadSections]) {
      for (const target of targets.keys()) {
        const at = position.get(target);
        if (at === undefined) continue;
        neighbours[source].push(at);
        neighbours[at].push(source);
      }
    }
  });
  const seen = new Uint8Array(paths.length);
  seen[start] = 1;
  let frontier = [start];
  for (let hop = 0; hop < hops && frontier.length > 0; hop++) {
    const next: number[] = [];
    for (const note of frontier) {
      for (const neighbour of neighbours[note]) {
        if (seen[neighbour]) continue;
        seen[neighbour] = 1;
        next.push(neighbour);
      }
    }
    frontier = next;
  }
  return seen;
}

function addAcross(graph: NoteGraph, source: number, target: string, count: number): void {
  graph.acrossSource.push(source);
  graph.acrossTarget.push(target);
  graph.acrossCount.push(count);
}

function addEdge(graph: NoteGraph, target: number, count: number): void {
  graph.edgeTarget.push(target);
  graph.edgeCount.push(count);
}

function topFolder(path: string): string {
  const slash = path.indexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}
