/** The messages between the graph's webview and the extension that hosts it. */

import type { GraphDto } from '../../../server/src/lsp/protocol';

/**
 * The graph as the webview gets it: its number columns as `Int32Array`s, which VS Code passes to
 * a webview as binary; as JSON text, a hundred thousand edges took seconds to arrive.
 */
export type WebviewGraph = { [K in keyof GraphDto]: GraphDto[K] extends number[] ? Int32Array : GraphDto[K] };

/** Turns the number columns of a graph into `Int32Array`s for the webview. */
export function toWebviewGraph(graph: GraphDto): WebviewGraph {
  const binary = (column: number[]) => Int32Array.from(column);
  return {
    ...graph,
    root: binary(graph.root),
    folder: binary(graph.folder),
    incoming: binary(graph.incoming),
    outgoing: binary(graph.outgoing),
    dead: binary(graph.dead),
    external: binary(graph.external),
    edgeStart: binary(graph.edgeStart),
    edgeTarget: binary(graph.edgeTarget),
    edgeCount: binary(graph.edgeCount),
  };
}

/** What the whole collection or a local graph shows. */
export type GraphScopeName = 'all' | 'local1' | 'local2';

/** From the extension to the webview. */
export type ToWebview =
  | { type: 'graph'; graph: WebviewGraph; scope: GraphScopeName; focusLabel?: string; /** A new graph of the same scope keeps the positions it has. */ update: boolean; /** `Date.now()` when sent. */ sentAt: number }
  | { type: 'empty'; scope: GraphScopeName; message: string }
  | { type: 'locate'; id: number; path: string };

/** From the webview to the extension. */
export type FromWebview =
  | { type: 'ready' }
  | { type: 'scope'; scope: GraphScopeName }
  | { type: 'open'; node: number }
  | { type: 'painted'; nodes: number; edges: number; /** ms from sending the graph to its arrival in the webview */ transferMs: number; /** ms from the graph's arrival to its first frame on screen */ drawMs: number; /** `Date.now()` at that frame (the same clock as the extension's: one machine) */ paintedAt: number; /** of drawMs: building the graph, and setting up the renderer */ buildMs: number; rendererMs: number }
  /** A filter changed: how many nodes are drawn now, and how many orphans are listed apart. */
  | { type: 'filtered'; shown: number; orphansListed: number }
  /** The layout stopped by itself: the picture holds still. */
  | { type: 'settled' }
  /** Where a note's node is drawn, in CSS pixels from the canvas's top left (tests click there). */
  | { type: 'located'; id: number; x?: number; y?: number };
