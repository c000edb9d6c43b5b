/// <reference lib="dom" />
import dagre, { type graphlib } from '@dagrejs/dagre';
import type { PipelineGraph, PipelineNode } from '../../../server/src/core/alloy/pipeline-graph';

// The pipeline picture, run inside the webview (bundled by esbuild with dagre into dist/webview/pipeline.js).
// dagre lays the components out left to right in the order the data flows; the page draws them as SVG
// in the editor's theme. A click (or Enter on a focused node) asks the extension to reveal the block.

interface VsCodeApi {
  postMessage(message: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const NODE_WIDTH = 310;
const LINE = 16;
const MAX_FIGURES = 4;
const SVG = 'http://www.w3.org/2000/svg';

/** Shrink the picture to the window's width (never below MIN_SCALE) until the user asks for the actual size. */
let fit = true;
const MIN_SCALE = 0.55;
let shown: { graph: PipelineGraph | null; error?: string } = { graph: null };

document.getElementById('fit')?.addEventListener('click', (event) => {
  fit = !fit;
  (event.target as HTMLButtonElement).textContent = fit ? 'Actual size' : 'Fit to window';
  draw(shown.graph, shown.error);
});

let resizing: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('resize', () => {
  clearTimeout(resizing);
  resizing = setTimeout(() => draw(shown.graph, shown.error), 150);
});

window.addEventListener('message', (event: MessageEvent) => {
  const message = event.data as { type: string; graph?: PipelineGraph | null; error?: string };
  if (message.type === 'graph') draw(message.graph ?? null, message.error);
});
vscode.postMessage({ type: 'ready' });

function draw(graph: PipelineGraph | null, error?: string): void {
  shown = { graph, error };
  const header = document.getElementById('header')!;
  const canvas = document.getElementById('canvas')!;
  canvas.replaceChildren();
  if (!graph) {
    header.replaceChildren(text('p', error ?? 'Open an Alloy file to see its pipeline.'));
    return;
  }
  const unwired = graph.nodes.filter((n) => n.unwired).length;
  const errors = graph.nodes.reduce((a, n) => a + n.findings.error, 0);
  const warnings = graph.nodes.reduce((a, n) => a + n.findings.warning, 0);
  const files = graph.files.map((uri) => decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1)));
  const summary = [`${graph.nodes.length} component${graph.nodes.length === 1 ? '' : 's'}`, `${graph.edges.length} connection${graph.edges.length === 1 ? '' : 's'}`];
  if (unwired) summary.push(`${unwired} unwired`);
  if (errors || warnings) summary.push(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
  const lines: HTMLElement[] = [text('h1', files.join(' + ')), text('p', summary.join(' · '), 'summary')];
  if (graph.tier) lines.push(text('p', `Checked against the ${graph.tier.workload} tier ${graph.tier.tier} (from ${graph.tier.how}).`));
  else lines.push(text('p', 'No tier stated: components show their settings without recommendations.', 'muted'));
  if (graph.podMemory) lines.push(text('p', `Pod memory: ${graph.podMemory.from}.`, 'muted'));
  for (const note of graph.notes) lines.push(text('p', note, 'note'));
  header.replaceChildren(...lines);
  if (graph.nodes.length === 0) {
    canvas.append(text('p', 'This file declares no component.'));
    return;
  }
  canvas.append(render(graph));
}

/**
 * Left to right reads like the pipeline; in a narrow window top to bottom is laid out too, and the one
 * that fits the width at the larger scale is drawn.
 */
function render(graph: PipelineGraph): SVGSVGElement {
  const available = Math.max(200, (document.getElementById('canvas')?.clientWidth ?? window.innerWidth) - 8);
  const scaleOf = (g: graphlib.Graph) => Math.min(1, available / (g.graph().width ?? available));
  let g = layout(graph, 'LR');
  if (fit && scaleOf(g) < 1) {
    const vertical = layout(graph, 'TB');
    if (scaleOf(vertical) > scaleOf(g)) g = vertical;
  }
  const scale = fit ? Math.max(MIN_SCALE, scaleOf(g)) : 1;
  const size = g.graph();
  const svg = el('svg', { width: String(Math.round((size.width ?? 0) * scale)), height: String(Math.round((size.height ?? 0) * scale)), viewBox: `0 0 ${size.width ?? 0} ${size.height ?? 0}`, role: 'group', 'aria-label': 'Alloy pipeline' }) as SVGSVGElement;
  return paint(graph, g, svg);
}

function layout(graph: PipelineGraph, rankdir: 'LR' | 'TB'): graphlib.Graph {
  const g = new dagre.graphlib.Graph({ compound: true, multigraph: true });
  g.setGraph({ rankdir, nodesep: 22, ranksep: rankdir === 'LR' ? 70 : 50, edgesep: 12, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of graph.nodes) g.setNode(node.id, { width: NODE_WIDTH, height: nodeHeight(node) });
  for (const group of new Set(graph.nodes.flatMap((n) => (n.group !== undefined ? [n.group] : [])))) {
    g.setNode(`declare:${group}`, { label: group, paddingTop: 28, paddingLeft: 12, paddingRight: 12, paddingBottom: 12 });
  }
  for (const node of graph.nodes) if (node.group !== undefined) g.setParent(node.id, `declare:${node.group}`);
  graph.edges.forEach((edge, i) => g.setEdge(edge.from, edge.to, { weight: edge.kind === 'data' ? 2 : 1, minlen: 1 }, String(i)));
  dagre.layout(g);
  return g;
}

function paint(graph: PipelineGraph, g: graphlib.Graph, svg: SVGSVGElement): SVGSVGElement {
  const defs = el('defs', {});
  for (const kind of ['data', 'config']) {
    const marker = el('marker', { id: `arrow-${kind}`, viewBox: '0 0 10 10', refX: '9', refY: '5', markerWidth: '7', markerHeight: '7', orient: 'auto-start-reverse' });
    marker.append(el('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: `arrow ${kind}` }));
    defs.append(marker);
  }
  svg.append(defs);
  for (const id of g.nodes()) {
    if (!id.startsWith('declare:')) continue;
    const box = g.node(id);
    const cluster = el('g', { class: 'cluster' });
    cluster.append(el('rect', { x: String(box.x - box.width / 2), y: String(box.y - box.height / 2), width: String(box.width), height: String(box.height), rx: '8' }));
    const label = el('text', { x: String(box.x - box.width / 2 + 10), y: String(box.y - box.height / 2 + 18) });
    label.textContent = `custom component ${id.slice('declare:'.length)}`;
    cluster.append(label);
    svg.append(cluster);
  }
  graph.edges.forEach((edge, i) => {
    const points = g.edge({ v: edge.from, w: edge.to, name: String(i) })?.points ?? [];
    if (points.length === 0) return;
    const path = el('path', { class: `edge ${edge.kind}`, d: points.map((p: { x: number; y: number }, j: number) => `${j === 0 ? 'M' : 'L'} ${p.x} ${p.y}`).join(' '), 'marker-end': `url(#arrow-${edge.kind})` });
    const title = el('title', {});
    title.textContent = `${edge.from} → ${edge.to}${edge.via ? ` (.${edge.via})` : ''}${edge.signal ? `, ${edge.signal}` : ''}`;
    path.append(title);
    svg.append(path);
  });
  for (const node of graph.nodes) svg.append(nodeElement(node, g.node(node.id)));
  return svg;
}

function nodeHeight(node: PipelineNode): number {
  const figures = Math.min(node.figures.length, MAX_FIGURES) + node.figures.slice(0, MAX_FIGURES).filter((f) => f.note).length;
  return 46 + figures * LINE + (node.unwired ? LINE : 0) + (node.worst ? LINE : 0);
}

function nodeElement(node: PipelineNode, box: { x: number; y: number; width: number; height: number }): SVGGElement {
  const left = box.x - box.width / 2;
  const top = box.y - box.height / 2;
  const classes = ['node', `role-${node.role}`, node.worst ? `worst-${node.worst}` : 'clean', node.unwired ? 'unwired' : ''].filter(Boolean).join(' ');
  const group = el('g', { class: classes, tabindex: '0', role: 'button', 'data-id': node.id, 'aria-label': `${node.name} "${node.label}"${node.worst ? `, worst finding ${node.worst}` : ''}${node.unwired ? ', unwired' : ''}` }) as SVGGElement;
  group.append(el('rect', { class: 'box', x: String(left), y: String(top), width: String(box.width), height: String(box.height), rx: '6' }));
  group.append(el('rect', { class: 'stripe', x: String(left), y: String(top), width: '5', height: String(box.height), rx: '2' }));
  let y = top + 18;
  const line = (content: string, cls: string) => {
    const t = el('text', { x: String(left + 14), y: String(y), class: cls });
    t.textContent = content.length > 44 ? `${content.slice(0, 43)}…` : content;
    group.append(t);
    y += LINE;
  };
  line(node.name, 'name');
  line(`"${node.label}" · ${node.role}`, 'label');
  for (const figure of node.figures.slice(0, MAX_FIGURES)) {
    line(`${figure.name.split('.').pop()} ${figure.value}${figure.isDefault ? ' (default)' : ''}${figure.recommended ? ` · tier ${figure.recommended.value}` : ''}`, figure.recommended && figure.recommended.value !== figure.value ? 'figure differs' : 'figure');
    if (figure.note) line(`  ${figure.note}`, 'figure note');
  }
  if (node.worst) {
    const counts = (['error', 'warning', 'info', 'hint'] as const).filter((s) => node.findings[s] > 0).map((s) => `${node.findings[s]} ${s}${node.findings[s] === 1 ? '' : 's'}`);
    line(counts.join(', '), `findings ${node.worst}`);
  }
  if (node.unwired) line(`⚠ ${node.unwired}`, 'unwired-reason');
  const title = el('title', {});
  title.textContent = [
    `${node.name} "${node.label}"`,
    ...node.figures.map((f) => `${f.name} = ${f.value}${f.isDefault ? ' (Alloy default)' : ''}${f.recommended ? `; tier: ${f.recommended.value} [${f.recommended.source}]` : ''}${f.note ? `; ${f.note}` : ''}`),
    ...node.messages,
    node.unwired ? `Unwired: ${node.unwired}` : '',
    'Click to go to the block.',
  ].filter(Boolean).join('\n');
  group.append(title);
  const activate = () => vscode.postMessage({ type: 'reveal', uri: node.uri, range: node.range });
  group.addEventListener('click', activate);
  group.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      activate();
    }
  });
  return group;
}

function el(name: string, attributes: Record<string, string>): SVGElement {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  return element;
}

function text(tag: string, content: string, className?: string): HTMLElement {
  const element = document.createElement(tag);
  element.textContent = content;
  if (className) element.className = className;
  return element;
}
