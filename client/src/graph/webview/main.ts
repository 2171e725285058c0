/**
 * The graph webview: draws what `torii/graph` sends with sigma.js (WebGL), lays it out with
 * ForceAtlas2 in a web worker, and lets the reader filter by folder and link status, set the
 * orphans apart, hover a note for its counts and click it open. Bundled on its own (esbuild,
 * `dist/graph.js`); it loads nothing else.
 */

import Graph from 'graphology';
import Sigma from 'sigma';
import { EdgeLineProgram, EdgeRectangleProgram } from 'sigma/rendering';
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import type { FromWebview, GraphScopeName, ToWebview, WebviewGraph as GraphDto } from '../messages';
import { DashedEdgeProgram } from './dashedEdgeProgram';

declare function acquireVsCodeApi(): { postMessage(message: FromWebview): void };
const host = acquireVsCodeApi();

/** Folder colours: distinct in light and dark themes, and none of them the red of dead links. */
const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#8cd17d', '#a0cbe8', '#d4a6c8', '#86bcb6'];
const DEAD = '#e5484d';
/** How long the layout runs by itself: long enough to settle, not so long it keeps a core busy. */
const LAYOUT_MS_SMALL = 2500;
const LAYOUT_MS_LARGE = 20000;

interface NodeAttributes {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  index: number;
  folder: number;
  orphan: boolean;
  placeholder: boolean;
  forceLabel?: boolean;
  fixed?: boolean;
}

interface EdgeAttributes {
  size: number;
  color: string;
  type: 'line' | 'dashed';
  dead: boolean;
}

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const container = element<HTMLDivElement>('graph');
const statusLine = element<HTMLSpanElement>('status');
const tooltip = element<HTMLDivElement>('tooltip');
const scopeSelect = element<HTMLSelectElement>('scope');
const showLive = element<HTMLInputElement>('show-live');
const showDead = element<HTMLInputElement>('show-dead');
const orphansApart = element<HTMLInputElement>('orphans-apart');
const layoutButton = element<HTMLButtonElement>('layout');

let dto: GraphDto | undefined;
let graph: Graph<NodeAttributes, EdgeAttributes> | undefined;
let renderer: Sigma<NodeAttributes, EdgeAttributes> | undefined;
let layout: FA2Layout<NodeAttributes, EdgeAttributes> | undefined;
let layoutTimer: ReturnType<typeof setTimeout> | undefined;
let hovered: string | undefined;
const hiddenFolders = new Set<number>();

function post(message: FromWebview): void {
  host.postMessage(message);
}

/** A colour of the theme, as the webview's CSS variables give it. */
function themeColor(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

/**
 * `#rrggbb` (or what the theme gives) at an opacity, for sigma. Sigma blends as if colours were
 * premultiplied by their opacity (`ONE, ONE_MINUS_SRC_ALPHA`): a faint grey given as is adds up to
 * white where edges cross, so the channels are multiplied here.
 */
function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(color);
  const [red, green, blue] = hex ? [hex[1], hex[2], hex[3]].map((channel) => parseInt(channel, 16)) : [128, 128, 128];
  const premultiplied = (channel: number) => Math.round(channel * alpha);
  return `rgba(${premultiplied(red)}, ${premultiplied(green)}, ${premultiplied(blue)}, ${alpha})`;
}

/** A repeatable pseudo-random number in [0, 1) per node, so a graph is laid out alike each time. */
function jitter(seed: number): number {
  let value = (seed + 0x6d2b79f5) | 0;
  value = Math.imul(value ^ (value >>> 15), 1 | value);
  value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
  return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
}

function folderColor(folder: number): string {
  return folder < 0 ? DEAD : PALETTE[folder % PALETTE.length];
}

/** Builds the graphology graph from the columns; positions of notes already shown are kept. */
function buildGraph(data: GraphDto, kept: ReadonlyMap<string, { x: number; y: number }>): Graph<NodeAttributes, EdgeAttributes> {
  const result = new Graph<NodeAttributes, EdgeAttributes>({ type: 'directed', multi: true, allowSelfLoops: false });
  const count = data.paths.length;
  const small = count <= 200;
  // Folders start in their own region on a circle, so the layout begins from something readable.
  const folderCount = Math.max(1, data.folders.length);
  const spread = Math.sqrt(count) * 10;
  // Thousands of edges overlap: faint each, so the folders' colours still show through.
  const edgeColor = withAlpha(themeColor('--vscode-editor-foreground', '#888888'), small ? 0.35 : 0.07);
  for (let node = 0; node < count; node++) {
    const folder = data.folder[node];
    const before = kept.get(identity(data, node));
    const angle = ((folder < 0 ? folderCount : folder) / (folderCount + 1)) * Math.PI * 2;
    const radius = jitter(node * 2 + 1) * spread * 0.35;
    const around = jitter(node * 2) * Math.PI * 2;
    const placeholder = folder < 0;
    const incoming = data.incoming[node];
    result.addNode(String(node), {
      x: before?.x ?? Math.cos(angle) * spread + Math.cos(around) * radius,
      y: before?.y ?? Math.sin(angle) * spread + Math.sin(around) * radius,
      size: Math.min(small ? 24 : 14, (small ? 5 : 1.5) + Math.sqrt(placeholder ? data.dead[node] : incoming) * (small ? 2.2 : 1.2)),
      color: folderColor(folder),
      label: basename(data.paths[node]) + (placeholder ? ' (missing)' : ''),
      index: node,
      folder,
      orphan: !placeholder && incoming === 0,
      placeholder,
      forceLabel: node === data.focus,
    });
  }
  for (let source = 0; source < count; source++) {
    for (let at = data.edgeStart[source]; at < data.edgeStart[source + 1]; at++) {
      const references = data.edgeCount[at];
      const dead = references < 0;
      result.addEdgeWithKey(at, String(source), String(data.edgeTarget[at]), {
        size: (small ? 1.2 : 0.4) + Math.log2(Math.abs(references)) * 0.5,
        color: dead ? withAlpha(DEAD, small ? 0.9 : 0.45) : edgeColor,
        type: dead ? 'dashed' : 'line',
        dead,
      });
    }
  }
  return result;
}

/**
 * What a node stands for across graphs (a note, or a missing name), to keep its place when the
 * graph is sent again. Within one graph nodes are keyed by their index: V8 keeps integer-like
 * keys as elements, which graphology's adjacency objects fill several times faster than names.
 */
function identity(data: GraphDto, node: number): string {
  return `${data.folder[node] < 0 ? 'missing' : 'note'}:${data.root[node]}:${data.paths[node]}`;
}

function basename(notePath: string): string {
  return notePath.slice(notePath.lastIndexOf('/') + 1);
}

/** True when some filter of the toolbar or the folder list hides something. */
function filtering(): boolean {
  return !showLive.checked || !showDead.checked || orphansApart.checked || hiddenFolders.size > 0;
}

function isHidden(attributes: NodeAttributes): boolean {
  if (attributes.placeholder) return !showDead.checked;
  return hiddenFolders.has(attributes.folder) || (orphansApart.checked && attributes.orphan);
}

function createRenderer(current: Graph<NodeAttributes, EdgeAttributes>): Sigma<NodeAttributes, EdgeAttributes> {
  const small = current.order <= 200;
  const foreground = themeColor('--vscode-editor-foreground', '#cccccc');
  const sigma = new Sigma<NodeAttributes, EdgeAttributes>(current, container, {
    defaultEdgeType: 'line',
    // Thin lines (two vertices an edge) once there are many: a hundred thousand thick edges cost six each.
    edgeProgramClasses: { line: current.size > 20000 ? EdgeLineProgram : EdgeRectangleProgram, dashed: DashedEdgeProgram },
    labelColor: { color: foreground },
    labelFont: themeColor('--vscode-font-family', 'sans-serif'),
    labelSize: small ? 13 : 11,
    labelRenderedSizeThreshold: small ? 0 : 7,
    hideEdgesOnMove: !small,
    zIndex: true,
    minCameraRatio: 0.02,
    maxCameraRatio: 20,
    // Sigma asks the reducers for every node and edge each time it redraws (every layout step):
    // with nothing filtered or hovered they hand the attributes back as they are.
    nodeReducer: (node, attributes) => {
      if (!hovered && !filtering()) return attributes;
      const shown: Partial<NodeAttributes> & { hidden?: boolean; highlighted?: boolean; zIndex?: number } = { ...attributes };
      if (isHidden(attributes)) shown.hidden = true;
      if (hovered) {
        if (node === hovered) {
          shown.highlighted = true;
          shown.zIndex = 2;
        } else if (!current.areNeighbors(node, hovered)) {
          shown.color = withAlpha(attributes.color, 0.15);
          shown.label = '';
          shown.zIndex = 0;
        } else {
          shown.zIndex = 1;
          shown.forceLabel = true;
        }
      }
      return shown;
    },
    edgeReducer: (edge, attributes) => {
      if (!hovered && !filtering()) return attributes;
      const hidden = (attributes.dead ? !showDead.checked : !showLive.checked)
        || isHidden(current.getSourceAttributes(edge)) || isHidden(current.getTargetAttributes(edge))
        || (hovered !== undefined && !current.hasExtremity(edge, hovered));
      return hidden ? { ...attributes, hidden: true } : attributes;
    },
  });
  sigma.on('clickNode', ({ node }) => post({ type: 'open', node: current.getNodeAttribute(node, 'index') }));
  sigma.on('enterNode', ({ node }) => {
    hovered = node;
    const attributes = current.getNodeAttributes(node);
    showTooltip(attributes);
    // Beside the node, until the mouse moves: a hover from the keyboard or a test has no mouse trail.
    const at = sigma.graphToViewport(attributes);
    placeTooltip(container.getBoundingClientRect().left + at.x, container.getBoundingClientRect().top + at.y);
    sigma.refresh({ skipIndexation: true });
  });
  sigma.on('leaveNode', () => {
    hovered = undefined;
    tooltip.hidden = true;
    sigma.refresh({ skipIndexation: true });
  });
  return sigma;
}

function showTooltip(attributes: NodeAttributes): void {
  if (!dto) return;
  const node = attributes.index;
  const lines: string[] = [];
  if (attributes.placeholder) {
    lines.push(`${dto.paths[node]}: no such note`);
    lines.push(`${dto.dead[node]} dead link${dto.dead[node] === 1 ? '' : 's'} ask for it (${dto.reason[node] || 'dead'})`);
  } else {
    lines.push(dto.paths[node]);
    lines.push(`${dto.incoming[node]} reference${dto.incoming[node] === 1 ? '' : 's'} lead here${dto.incoming[node] === 0 ? ' (an orphan)' : ''}`);
    lines.push(`${dto.outgoing[node]} lead out · ${dto.dead[node]} dead · ${dto.external[node]} outside`);
  }
  tooltip.replaceChildren(...lines.map((line, at) => {
    const row = document.createElement('div');
    row.textContent = line;
    if (at === 0) row.className = 'title';
    return row;
  }));
  tooltip.hidden = false;
}

function placeTooltip(x: number, y: number): void {
  const bounds = container.getBoundingClientRect();
  tooltip.style.left = `${Math.max(bounds.left + 4, Math.min(x + 14, bounds.right - tooltip.offsetWidth - 4))}px`;
  tooltip.style.top = `${Math.min(y + 14, bounds.bottom - tooltip.offsetHeight - 4)}px`;
}

container.addEventListener('mousemove', (event) => {
  if (!tooltip.hidden) placeTooltip(event.clientX, event.clientY);
});

function runLayout(current: Graph<NodeAttributes, EdgeAttributes>, milliseconds: number): void {
  stopLayout();
  layout?.kill();
  if (current.order < 2) return;
  const settings = { ...forceAtlas2.inferSettings(current), barnesHutOptimize: current.order > 300, adjustSizes: false };
  layout = new FA2Layout(current, { settings });
  layout.start();
  layoutButton.textContent = 'Pause layout';
  layoutTimer = setTimeout(() => {
    stopLayout();
    post({ type: 'settled' });
  }, milliseconds);
}

function stopLayout(): void {
  if (layoutTimer) clearTimeout(layoutTimer);
  layoutTimer = undefined;
  if (layout?.isRunning()) layout.stop();
  layoutButton.textContent = 'Resume layout';
}

layoutButton.addEventListener('click', () => {
  if (!graph) return;
  if (layout?.isRunning()) stopLayout();
  else runLayout(graph, LAYOUT_MS_LARGE);
});

function describe(data: GraphDto, scope: GraphScopeName, focusLabel: string | undefined): string {
  let notes = 0;
  let placeholders = 0;
  let orphans = 0;
  data.folder.forEach((folder, node) => {
    if (folder < 0) placeholders++;
    else {
      notes++;
      if (data.incoming[node] === 0) orphans++;
    }
  });
  const dead = data.edgeCount.filter((count) => count < 0).length;
  const where = scope === 'all' ? '' : ` around ${focusLabel ?? 'the active note'}`;
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  return `${plural(notes, 'note')}${where} · ${plural(data.edgeTarget.length - dead, 'link')} · ${dead} dead (${plural(placeholders, 'missing note')}) · ${plural(orphans, 'orphan')}`;
}

function renderFolders(data: GraphDto): void {
  const counts = new Array<number>(data.folders.length).fill(0);
  for (const folder of data.folder) if (folder >= 0) counts[folder]++;
  const list = element<HTMLDivElement>('folders');
  list.replaceChildren(...data.folders.map((name, folder) => {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = !hiddenFolders.has(folder);
    box.addEventListener('change', () => {
      if (box.checked) hiddenFolders.delete(folder);
      else hiddenFolders.add(folder);
      filtersChanged();
    });
    const swatch = document.createElement('span');
    swatch.className = `swatch swatch-${folder % PALETTE.length}`;
    const text = document.createElement('span');
    text.textContent = `${name || '(top)'} ${counts[folder]}`;
    label.append(box, swatch, text);
    return label;
  }));
}

function renderOrphans(data: GraphDto): void {
  const section = element<HTMLElement>('orphans-section');
  section.hidden = !orphansApart.checked;
  if (!orphansApart.checked) return;
  const orphans = data.paths.map((_, node) => node).filter((node) => data.folder[node] >= 0 && data.incoming[node] === 0).sort((a, b) => data.paths[a].localeCompare(data.paths[b]));
  element<HTMLSpanElement>('orphan-count').textContent = `(${orphans.length})`;
  const shown = orphans.slice(0, 500);
  const items = shown.map((node) => {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = '#';
    link.textContent = data.paths[node];
    link.title = `${data.outgoing[node]} references lead out; none lead here`;
    link.addEventListener('click', (event) => {
      event.preventDefault();
      post({ type: 'open', node });
    });
    item.append(link);
    return item;
  });
  if (orphans.length > shown.length) {
    const more = document.createElement('li');
    more.textContent = `… and ${orphans.length - shown.length} more`;
    items.push(more);
  }
  element<HTMLUListElement>('orphans').replaceChildren(...items);
}

/** Redraws after a filter changed, and tells the extension what is shown now. */
function filtersChanged(): void {
  if (dto) renderOrphans(dto);
  renderer?.refresh();
  let shown = 0;
  graph?.forEachNode((_, attributes) => {
    if (!isHidden(attributes)) shown++;
  });
  post({ type: 'filtered', shown, orphansListed: element<HTMLUListElement>('orphans').querySelectorAll('li a').length });
}

for (const box of [showLive, showDead, orphansApart]) box.addEventListener('change', filtersChanged);
scopeSelect.addEventListener('change', () => post({ type: 'scope', scope: scopeSelect.value as GraphScopeName }));

function show(data: GraphDto, scope: GraphScopeName, focusLabel: string | undefined, update: boolean, sentAt: number): void {
  const received = performance.now();
  const transferMs = Date.now() - sentAt;
  const previous = update ? graph : undefined;
  const kept = new Map<string, { x: number; y: number }>();
  if (previous && dto) {
    const before = dto;
    previous.forEachNode((_, attributes) => kept.set(identity(before, attributes.index), { x: attributes.x, y: attributes.y }));
  }
  stopLayout();
  layout?.kill();
  layout = undefined;
  renderer?.kill();
  dto = data;
  hovered = undefined;
  tooltip.hidden = true;
  scopeSelect.value = scope;
  element<HTMLElement>('side').hidden = false;
  graph = buildGraph(data, kept);
  const built = performance.now();
  renderFolders(data);
  renderOrphans(data);
  statusLine.textContent = describe(data, scope, focusLabel);
  // Sigma indexes the graph and draws it as it is made; the next animation frame shows it.
  renderer = createRenderer(graph);
  const rendererReady = performance.now();
  const drawn = graph;
  requestAnimationFrame(() => {
    post({ type: 'painted', nodes: data.paths.length, edges: data.edgeTarget.length, transferMs, drawMs: Math.round(performance.now() - received), paintedAt: Date.now(), buildMs: Math.round(built - received), rendererMs: Math.round(rendererReady - built) });
  });
  // A refreshed graph keeps its positions and settles what changed; a new one is laid out from the start.
  runLayout(drawn, previous || data.paths.length <= 200 ? LAYOUT_MS_SMALL : LAYOUT_MS_LARGE);
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  switch (message.type) {
    case 'graph':
      show(message.graph, message.scope, message.focusLabel, message.update, message.sentAt);
      break;
    case 'empty':
      stopLayout();
      renderer?.kill();
      renderer = undefined;
      graph = undefined;
      dto = undefined;
      scopeSelect.value = message.scope;
      statusLine.textContent = message.message;
      break;
    case 'locate': {
      const key = graph?.findNode((_, attributes) => !attributes.placeholder && dto?.paths[attributes.index] === message.path);
      if (!graph || !renderer || key === undefined) {
        post({ type: 'located', id: message.id });
        break;
      }
      stopLayout();
      const position = renderer.graphToViewport(graph.getNodeAttributes(key));
      post({ type: 'located', id: message.id, x: position.x, y: position.y });
      break;
    }
  }
});

post({ type: 'ready' });
