/** Seeing the collection: the graph of the notes, and what the Markdown preview draws for a note. */

import * as path from 'path';
import type { NoteGraph } from '../../core/features/graph';
import { computePreviewData } from '../../core/features/preview';
import { GRAPH_REQUEST, PREVIEW_REQUEST, type GraphDto, type GraphParams, type PreviewDto, type PreviewParams } from '../protocol';
import type { NotesWorkspace } from '../notesWorkspace';
import type { Session } from '../session';

export function registerViews(session: Session): void {
  const { connection, documents } = session;

  connection.onRequest(GRAPH_REQUEST, async (params: GraphParams | undefined): Promise<GraphDto> => {
    await session.ready;
    const focus = params?.uri ? session.locate(params.uri) : undefined;
    if (focus && focus.workspace !== session.loose) {
      const graph = focus.workspace.graph({ focus: focus.path, hops: params?.hops === 2 ? 2 : 1 });
      return toGraphDto([{ workspace: focus.workspace, graph }], false);
    }
    const graphs = session.folders.map((workspace) => ({ workspace, graph: workspace.graph() }));
    return toGraphDto(graphs, session.folders.length > 1);
  });

  connection.onRequest(PREVIEW_REQUEST, async ({ uri }: PreviewParams, token): Promise<PreviewDto | null> => {
    await session.ready;
    const located = session.locate(uri);
    // The books of the note's authors are read between other messages first (at 10,000 notes the
    // long note's took 2.4 s in one stretch); the data is then made from the note as it is now.
    if (located && !(await located.workspace.readBooksNamedIn(located.path, { cited: true, cancelled: () => token.isCancellationRequested }))) return null;
    const handle = session.locate(uri);
    const data = handle && computePreviewData(handle.workspace.index, handle.path, handle.workspace.options);
    if (!handle || !data) return null;
    const uriOf = (notePath: string) => handle.workspace.uriOf(notePath);
    const toPlace = (place: { path: string; line: number }) => ({ uri: uriOf(place.path), line: place.line, label: `${place.path.slice(place.path.lastIndexOf('/') + 1)}:${place.line + 1}` });
    return {
      uri,
      version: documents.get(uri)?.version,
      references: data.references.map((reference) => ({
        line: reference.line,
        start: reference.range.start.character,
        end: reference.range.end.character,
        status: reference.status,
        kind: reference.kind,
        message: reference.message,
        ...(reference.target ? { target: { uri: handle.workspace.uriOfPlace(reference.target), line: reference.target.line, anchorText: reference.target.anchorText } } : {}),
        ...(reference.fix ? { fix: { uri: handle.workspace.uriOfPlace(reference.fix.target), line: reference.fix.target.line, label: reference.fix.label } } : {}),
      })),
      citations: data.citations.map((citation) => ({
        line: citation.line,
        start: citation.range.start.character,
        end: citation.range.end.character,
        author: citation.author,
        titles: citation.titles,
        ...(citation.book ? { book: { uri: uriOf(citation.book.path), line: citation.book.line, author: citation.book.author, title: citation.book.title } } : {}),
      })),
      bookEntries: data.bookEntries.map((entry) => ({
        line: entry.line,
        author: entry.author,
        title: entry.title,
        citations: entry.citations.map(toPlace),
        ...(entry.moreCitations > 0 ? { moreCitations: entry.moreCitations } : {}),
        unattributed: entry.unattributed.map(toPlace),
        ...(entry.moreUnattributed > 0 ? { moreUnattributed: entry.moreUnattributed } : {}),
      })),
      ...(data.repairedText !== undefined ? { repairedText: data.repairedText } : {}),
    };
  });
}

/**
 * The graphs of one or more folders as one DTO; with several folders, top folders carry the
 * folder's name, and a link of one folder into another's note is an edge between them (it no
 * longer counts as leaving the collection).
 */
function toGraphDto(graphs: Array<{ workspace: NotesWorkspace; graph: NoteGraph }>, prefixFolders: boolean): GraphDto {
  if (graphs.length === 1 && !prefixFolders) {
    const [{ workspace, graph }] = graphs;
    const { ids, focus, acrossSource: _source, acrossTarget: _target, acrossCount: _count, ...columns } = graph;
    return { roots: [workspace.uriOf('')], paths: ids, root: new Array<number>(ids.length).fill(0), ...columns, ...(focus !== undefined ? { focus } : {}) };
  }
  const result: GraphDto = { roots: [], paths: [], root: [], folder: [], incoming: [], outgoing: [], dead: [], external: [], reason: [], edgeStart: [], edgeTarget: [], edgeCount: [], folders: [] };
  const folderNames = graphs.flatMap(({ workspace, graph }) => graph.folders.map((folder) => `${path.basename(workspace.root ?? '')}/${folder}`.replace(/\/$/, '')));
  result.folders = [...new Set(folderNames)].sort();
  // Where each folder's nodes start, and each note's node, to join the links across folders.
  const offsets: number[] = [];
  let total = 0;
  for (const { graph } of graphs) {
    offsets.push(total);
    total += graph.ids.length;
  }
  const nodesByFolder = new Map<NotesWorkspace, Map<string, number>>();
  const nodeOfNote = (workspace: NotesWorkspace, notePath: string): number | undefined => {
    let nodes = nodesByFolder.get(workspace);
    if (!nodes) {
      const at = graphs.findIndex((entry) => entry.workspace === workspace);
      if (at < 0) return undefined;
      const { graph } = graphs[at];
      // Notes only: a placeholder's name may be a note's path of the other folder.
      nodes = new Map(graph.ids.flatMap((id, index) => (graph.folder[index] >= 0 ? [[id, offsets[at] + index] as const] : [])));
      nodesByFolder.set(workspace, nodes);
    }
    return nodes.get(notePath);
  };
  graphs.forEach(({ workspace, graph }, root) => {
    const name = path.basename(workspace.root ?? '');
    result.roots.push(workspace.uriOf(''));
    graph.ids.forEach((id, at) => {
      const folder = graph.folder[at];
      result.paths.push(id);
      result.root.push(root);
      result.folder.push(folder < 0 ? -1 : result.folders.indexOf(`${name}/${graph.folders[folder]}`.replace(/\/$/, '')));
      result.incoming.push(graph.incoming[at]);
      result.outgoing.push(graph.outgoing[at]);
      result.dead.push(graph.dead[at]);
      result.external.push(graph.external[at]);
      result.reason.push(graph.reason[at]);
    });
  });
  graphs.forEach(({ workspace, graph }, root) => {
    const offset = offsets[root];
    // This folder's links into the others' notes, by their source node.
    const across = new Map<number, Array<{ target: number; count: number }>>();
    graph.acrossSource.forEach((source, at) => {
      const separator = graph.acrossTarget[at].indexOf('\u0000');
      const other = workspace.siblingNamed(graph.acrossTarget[at].slice(0, separator));
      const target = other && nodeOfNote(other, graph.acrossTarget[at].slice(separator + 1));
      if (target === undefined) return;
      const count = graph.acrossCount[at];
      across.set(offset + source, [...(across.get(offset + source) ?? []), { target, count }]);
      // An edge now (a dead one when the section is not there), not a link out of the collection.
      result.external[offset + source] -= Math.abs(count);
      if (count > 0) {
        result.incoming[target] += count;
        result.outgoing[offset + source] += count;
      } else {
        result.dead[offset + source] -= count;
      }
    });
    graph.ids.forEach((_, at) => {
      result.edgeStart.push(result.edgeTarget.length);
      for (let edge = graph.edgeStart[at]; edge < graph.edgeStart[at + 1]; edge++) {
        result.edgeTarget.push(graph.edgeTarget[edge] + offset);
        result.edgeCount.push(graph.edgeCount[edge]);
      }
      for (const { target, count } of across.get(offset + at) ?? []) {
        result.edgeTarget.push(target);
        result.edgeCount.push(count);
      }
    });
    if (graph.focus !== undefined) result.focus = graph.focus + offset;
  });
  result.edgeStart.push(result.edgeTarget.length);
  return result;
}
