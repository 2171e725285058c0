/** Seeing the collection: the graph of the notes, and what the Markdown preview draws for a note. */

import * as path from 'path';
import { computeGraph, type NoteGraph } from '../../core/features/graph';
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
      const graph = computeGraph(focus.workspace.index, (notePath) => focus.workspace.linksOf(notePath), { focus: focus.path, hops: params?.hops === 2 ? 2 : 1 });
      return toGraphDto([{ workspace: focus.workspace, graph }], false);
    }
    const graphs = session.folders.map((workspace) => ({ workspace, graph: computeGraph(workspace.index, (notePath) => workspace.linksOf(notePath)) }));
    return toGraphDto(graphs, session.folders.length > 1);
  });

  connection.onRequest(PREVIEW_REQUEST, async ({ uri }: PreviewParams): Promise<PreviewDto | null> => {
    await session.ready;
    const handle = session.locate(uri);
    const data = handle && computePreviewData(handle.workspace.index, handle.path, handle.workspace.options);
    if (!handle || !data) return null;
    const uriOf = (notePath: string) => handle.workspace.uriOf(notePath);
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
        ...(reference.target ? { target: { uri: uriOf(reference.target.path), line: reference.target.line, anchorText: reference.target.anchorText } } : {}),
        ...(reference.fix ? { fix: { uri: uriOf(reference.fix.target.path), line: reference.fix.target.line, label: reference.fix.label } } : {}),
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
        citations: entry.citations.map((place) => ({ uri: uriOf(place.path), line: place.line, label: `${place.path.slice(place.path.lastIndexOf('/') + 1)}:${place.line + 1}` })),
      })),
      ...(data.repairedText !== undefined ? { repairedText: data.repairedText } : {}),
    };
  });
}

/** The graphs of one or more folders as one DTO; with several folders, paths carry the folder's name. */
function toGraphDto(graphs: Array<{ workspace: NotesWorkspace; graph: NoteGraph }>, prefixFolders: boolean): GraphDto {
  const result: GraphDto = { nodes: [], edges: [], folders: [] };
  const folders = new Set<string>();
  for (const { workspace, graph } of graphs) {
    const offset = result.nodes.length;
    const prefix = prefixFolders && workspace.root ? `${path.basename(workspace.root)}/` : '';
    const folderUri = workspace.uriOf('');
    for (const node of graph.nodes) {
      const folder = node.missing ? '' : prefix + node.folder;
      if (!node.missing) folders.add(folder);
      result.nodes.push({
        id: node.missing ? `missing:${folderUri}/${node.label}` : workspace.uriOf(node.id),
        label: node.label,
        path: node.missing ? node.label : prefix + node.id,
        folder,
        missing: node.missing,
        incoming: node.incoming,
        outgoing: node.outgoing,
        dead: node.dead,
        external: node.external,
        orphan: node.orphan,
        ...(node.reason ? { reason: node.reason } : {}),
      });
    }
    for (const edge of graph.edges) result.edges.push(edge.source + offset, edge.target + offset, edge.count, edge.dead ? 1 : 0);
    if (graph.focus !== undefined) result.focus = graph.focus + offset;
  }
  result.folders = [...folders].sort();
  return result;
}
