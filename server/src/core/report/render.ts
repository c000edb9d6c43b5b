import type { CapacityReport, Totals, WorkloadEntry } from './model';
import {
  chartRows, cite, comparisonValue, count, cpu, dollars, memory, range, replicas, resourceRange, resources,
  sustained, tier, title,
} from './text';

// The capacity report as JSON (the model itself: docs/capacity-report.md), Markdown, and one
// self-contained HTML page (inline CSS and SVG, nothing fetched) that the CLI writes and the VS Code
// webview shows. The HTML follows the editor's theme through `--vscode-*` variables, with light and
// dark fallbacks for a browser.

export interface RenderOptions {
  /** How a file is named in the report (the CLI: relative to the working directory). */
  fileLabel?: (uri: string) => string;
}

export function renderJson(report: CapacityReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

const defaultLabel = (uri: string) => decodeURIComponent(uri.replace(/^file:\/\//, ''));

// ---------------------------------------------------------------------------------------------- Markdown

export function renderMarkdown(report: CapacityReport, options: RenderOptions = {}): string {
  const label = options.fileLabel ?? defaultLabel;
  const out: string[] = ['# Headroom capacity report', '', summary(report), ''];
  if (report.workloads.length === 0) return `${out.join('\n')}\n`;
  out.push('## Totals', '', '| namespace | workloads | requests (fewest–most replicas) | limits | recommended requests | monthly cost |', '|---|---|---|---|---|---|');
  for (const ns of report.namespaces) out.push(totalsRow(ns.namespace, ns));
  out.push(totalsRow('**workspace**', report.total), '');
  const rows = chartRows(report);
  if (rows.length > 0) {
    out.push('## Requested vs recommended', '', 'Requests at the most replicas, against the chosen tier\'s requests at its replicas.', '', '```text');
    const width = Math.max(...rows.map((r) => r.label.length));
    for (const metric of ['cpu', 'memory'] as const) {
      const group = rows.filter((r) => r.metric === metric);
      const scaleMax = Math.max(...group.flatMap((r) => [r.requested, r.recommended]));
      const bar = (v: number) => '█'.repeat(Math.max(1, Math.round((v / scaleMax) * 30)));
      const fmt = metric === 'cpu' ? cpu : memory;
      for (const r of group) {
        out.push(`${r.label.padEnd(width)}  ${metric === 'cpu' ? 'CPU   ' : 'memory'}  requested   ${bar(r.requested)} ${fmt(r.requested)}`);
        out.push(`${''.padEnd(width)}          recommended ${bar(r.recommended)} ${fmt(r.recommended)}`);
      }
    }
    out.push('```', '');
  }
  out.push('## Workloads', '', '| workload | tier | replicas | requests / pod | limits / pod | sustains | monthly cost |', '|---|---|---|---|---|---|---|');
  for (const entry of report.workloads) {
    out.push(`| ${md(title(entry))} | ${md(entry.tier.name ?? `none (${entry.tier.how})`)} | ${md(replicas(entry))} | ${entry.perPod ? resources(entry.perPod.requests) : '–'} | ${entry.perPod ? resources(entry.perPod.limits) : '–'} | ${md(sustained(entry) ?? '–')} | ${entry.recommended?.monthlyCost ? dollars(entry.recommended.monthlyCost.value) : '–'} |`);
  }
  out.push('');
  for (const entry of report.workloads) out.push(...workloadMarkdown(entry, label), '');
  out.push('## Sources', '', ...report.sources.map((s) => `- ${md(cite(s))}`), '');
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

function workloadMarkdown(entry: WorkloadEntry, label: (uri: string) => string): string[] {
  const out = [`### ${md(title(entry))}`, '', `- File: \`${label(entry.uri)}\`${entry.format === 'alloy' || entry.format === 'clickhouse' ? '' : `, line ${entry.range.start.line + 1}`}`];
  out.push(`- Tier: ${md(tier(entry))}${entry.tier.source ? ` [${md(cite(entry.tier.source))}]` : ''}`);
  const r = entry.recommended;
  if (entry.replicas || r?.replicas) {
    out.push(`- Replicas: ${md(replicas(entry))}${r?.replicas ? `; recommended ${range(String(r.replicas.min), String(r.replicas.max))} [${md(cite(r.replicas.source))}]` : ''}`);
  }
  if (entry.perPod && entry.total) {
    out.push(`- Requests: ${resources(entry.perPod.requests)} per pod, ${resourceRange(entry.total.requests)} in total`);
    out.push(`- Limits: ${resources(entry.perPod.limits)} per pod, ${resourceRange(entry.total.limits)} in total`);
  }
  if (r) {
    const cites = [r.requests.cpu, r.requests.memory, r.limits.cpu, r.limits.memory].flatMap((c) => (c ? [cite(c.source)] : []));
    out.push(`- Recommended per pod: requests ${resources({ cpu: r.requests.cpu?.value, memory: r.requests.memory?.value })}, limits ${resources({ cpu: r.limits.cpu?.value, memory: r.limits.memory?.value })}${cites.length ? ` [${md([...new Set(cites)].join('; '))}]` : ''}`);
  }
  if (entry.sustained) out.push(`- Sustains: ${md(sustained(entry)!)}: ${md(entry.sustained.how)}`);
  for (const reason of entry.tier.reasons ?? []) out.push(`- Load: ${md(reason)}`);
  for (const need of entry.requirements ?? []) out.push(`- The load needs ${md(need.field)} ≥ ${count(need.value)}: ${md(need.why)} [${md(cite(need.source))}]`);
  if (r?.throughput) out.push(`- The tier is sized for ${count(r.throughput.value)} ${md(r.throughput.unit)} [${md(cite(r.throughput.source))}]`);
  if (r?.monthlyCost) out.push(`- Monthly cost: ${dollars(r.monthlyCost.value)} [${md(cite(r.monthlyCost.source))}]`);
  if (entry.runsIn) out.push(`- Runs in: ${entry.runsIn.length ? entry.runsIn.map((id) => md(id.slice(id.indexOf('#') + 1))).join(', ') : '–'}`);
  for (const note of entry.notes) out.push(`- ${md(note)}`);
  if (entry.comparisons.length > 0) {
    out.push('', '| setting | configured | recommended | | source |', '|---|---|---|---|---|');
    for (const c of entry.comparisons) out.push(`| ${c.field} | ${comparisonValue(c, c.actual)} | ${comparisonValue(c, c.recommended)} | ${c.verdict} | ${md(cite(c.source))} |`);
  }
  return out;
}

function totalsRow(name: string, t: Totals): string {
  const recommended = t.recommended.workloads > 0 ? `${resourceRange(t.recommended.requests)} (${t.recommended.workloads} with a tier)` : '–';
  return `| ${md(name)} | ${t.workloads} | ${resourceRange(t.requests)} | ${resourceRange(t.limits)} | ${recommended} | ${t.monthlyCost ? dollars(t.monthlyCost.value) : '–'} |`;
}

function summary(report: CapacityReport): string {
  const n = report.workloads.length;
  if (n === 0) return 'No workload found: Headroom reports Alloy pipelines, Kubernetes workloads with their HPAs, Helm values sections and ClickHouse servers.';
  const withTier = report.workloads.filter((w) => w.tier.name).length;
  const cost = report.total.monthlyCost ? ` The documents put the chosen tiers at ${dollars(report.total.monthlyCost.value)} a month.` : '';
  return `${n} workload${n === 1 ? '' : 's'}, ${withTier} with a tier. Requested in total: ${resourceRange(report.total.requests)}.${cost}`;
}

/** Markdown table cells and text: pipes and line breaks would break the table. */
function md(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

// ------------------------------------------------------------------------------------------------- HTML

export interface HtmlOptions extends RenderOptions {
  /** Nonce of the inline style and script (a fresh random one per page). */
  nonce: string;
  /** Extra sources the webview's content security policy allows for styles (its `cspSource`). */
  cspSource?: string;
  /** An inline script run in the page (the webview's click handling); none for the CLI's file. */
  script?: string;
}

export function renderHtml(report: CapacityReport, options: HtmlOptions): string {
  const label = options.fileLabel ?? defaultLabel;
  const { nonce } = options;
  const csp = `default-src 'none'; img-src data:; style-src 'nonce-${nonce}'${options.cspSource ? ` ${options.cspSource}` : ''}; script-src 'nonce-${nonce}'`;
  const body: string[] = [`<h1>Headroom capacity report</h1>`, `<p class="summary">${esc(summary(report))}</p>`];
  if (report.workloads.length > 0) {
    body.push('<h2>Totals</h2>', '<table class="totals"><thead><tr><th>namespace</th><th>workloads</th><th>requests (fewest–most replicas)</th><th>limits</th><th>recommended requests</th><th>monthly cost</th></tr></thead><tbody>');
    for (const ns of report.namespaces) body.push(totalsHtml(ns.namespace, ns));
    body.push(totalsHtml('workspace', report.total, true), '</tbody></table>');
    const chart = chartSvg(report);
    if (chart) body.push('<h2>Requested vs recommended</h2>', '<p class="muted">Requests at the most replicas, against the chosen tier\'s requests at its replicas.</p>', chart);
    body.push('<h2>Workloads</h2>', '<table class="workloads"><thead><tr><th>workload</th><th>tier</th><th>replicas</th><th>requests / pod</th><th>limits / pod</th><th>sustains</th><th>monthly cost</th></tr></thead><tbody>');
    for (const entry of report.workloads) {
      body.push(`<tr><td>${link(entry, esc(title(entry)))}</td><td>${entry.tier.name ? `<b>${esc(entry.tier.name)}</b>` : '<span class="muted">none</span>'}</td><td>${esc(replicas(entry))}</td><td>${entry.perPod ? esc(resources(entry.perPod.requests)) : '–'}</td><td>${entry.perPod ? esc(resources(entry.perPod.limits)) : '–'}</td><td>${esc(sustained(entry) ?? '–')}</td><td>${entry.recommended?.monthlyCost ? esc(dollars(entry.recommended.monthlyCost.value)) : '–'}</td></tr>`);
    }
    body.push('</tbody></table>');
    for (const entry of report.workloads) body.push(workloadHtml(entry, label));
    body.push('<h2>Sources</h2>', `<ul class="sources">${report.sources.map((s) => `<li>${esc(cite(s))}</li>`).join('')}</ul>`);
  }
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Headroom capacity report</title>
<style nonce="${esc(nonce)}">${STYLE}</style>
</head>
<body>
${body.join('\n')}
${options.script ? `<script nonce="${esc(nonce)}">${options.script}</script>` : ''}
</body>
</html>
`;
}

function workloadHtml(entry: WorkloadEntry, label: (uri: string) => string): string {
  const r = entry.recommended;
  const rows: [string, string][] = [];
  const source = (c?: { document: string; section: string }) => (c ? ` <span class="source">${esc(cite(c))}</span>` : '');
  rows.push(['file', `<code>${esc(label(entry.uri))}</code>`]);
  rows.push(['tier', `${esc(tier(entry))}${source(entry.tier.source)}`]);
  if (entry.replicas || r?.replicas) {
    rows.push(['replicas', `${esc(replicas(entry))}${r?.replicas ? `; recommended ${esc(range(String(r.replicas.min), String(r.replicas.max)))}${source(r.replicas.source)}` : ''}`]);
  }
  if (entry.perPod && entry.total) {
    rows.push(['requests', `${esc(resources(entry.perPod.requests))} per pod, ${esc(resourceRange(entry.total.requests))} in total`]);
    rows.push(['limits', `${esc(resources(entry.perPod.limits))} per pod, ${esc(resourceRange(entry.total.limits))} in total`]);
  }
  if (r) {
    const cites = [...new Set([r.requests.cpu, r.requests.memory, r.limits.cpu, r.limits.memory].flatMap((c) => (c ? [cite(c.source)] : [])))];
    rows.push(['recommended per pod', `requests ${esc(resources({ cpu: r.requests.cpu?.value, memory: r.requests.memory?.value }))}, limits ${esc(resources({ cpu: r.limits.cpu?.value, memory: r.limits.memory?.value }))}${cites.map((c) => ` <span class="source">${esc(c)}</span>`).join('')}`]);
  }
  if (entry.sustained) rows.push(['sustains', `${esc(sustained(entry)!)}: ${esc(entry.sustained.how)}`]);
  for (const reason of entry.tier.reasons ?? []) rows.push(['load', esc(reason)]);
  for (const need of entry.requirements ?? []) rows.push(['the load needs', `${esc(need.field)} ≥ ${esc(count(need.value))}: ${esc(need.why)}${source(need.source)}`]);
  if (r?.throughput) rows.push(['tier sized for', `${esc(count(r.throughput.value))} ${esc(r.throughput.unit)}${source(r.throughput.source)}`]);
  if (r?.monthlyCost) rows.push(['monthly cost', `${esc(dollars(r.monthlyCost.value))}${source(r.monthlyCost.source)}`]);
  if (entry.runsIn) rows.push(['runs in', entry.runsIn.length ? entry.runsIn.map((id) => esc(id.slice(id.indexOf('#') + 1))).join(', ') : '–']);
  const parts = [`<section class="workload" id="${esc(anchor(entry))}"><h3>${link(entry, esc(title(entry)))}</h3>`, '<table class="facts"><tbody>'];
  for (const [name, value] of rows) parts.push(`<tr><th>${esc(name)}</th><td>${value}</td></tr>`);
  parts.push('</tbody></table>');
  if (entry.notes.length) parts.push(`<ul class="notes">${entry.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`);
  if (entry.comparisons.length > 0) {
    parts.push('<table class="checks"><thead><tr><th>setting</th><th>configured</th><th>recommended</th><th></th><th>source</th></tr></thead><tbody>');
    for (const c of entry.comparisons) {
      parts.push(`<tr class="${c.verdict}"><td><code>${esc(c.field)}</code></td><td>${esc(comparisonValue(c, c.actual))}</td><td>${esc(comparisonValue(c, c.recommended))}</td><td><span class="verdict ${c.verdict}">${c.verdict}</span></td><td class="source">${esc(cite(c.source))}</td></tr>`);
    }
    parts.push('</tbody></table>');
  }
  parts.push('</section>');
  return parts.join('\n');
}

function totalsHtml(name: string, t: Totals, strong = false): string {
  const recommended = t.recommended.workloads > 0 ? `${esc(resourceRange(t.recommended.requests))} <span class="muted">(${t.recommended.workloads} with a tier)</span>` : '–';
  const cell = (s: string) => (strong ? `<b>${s}</b>` : s);
  return `<tr><td>${cell(esc(name))}</td><td>${t.workloads}</td><td>${cell(esc(resourceRange(t.requests)))}</td><td>${esc(resourceRange(t.limits))}</td><td>${recommended}</td><td>${t.monthlyCost ? esc(dollars(t.monthlyCost.value)) : '–'}</td></tr>`;
}

/** A horizontal bar chart, one pair of bars (requested, recommended) per workload and resource. */
function chartSvg(report: CapacityReport): string | undefined {
  const rows = chartRows(report);
  if (rows.length === 0) return undefined;
  const labelWidth = 220;
  const barWidth = 360;
  const rowHeight = 34;
  const heading = 26;
  const parts: string[] = [];
  let y = 0;
  for (const metric of ['cpu', 'memory'] as const) {
    const group = rows.filter((r) => r.metric === metric);
    if (group.length === 0) continue;
    const max = Math.max(...group.flatMap((r) => [r.requested, r.recommended]));
    const fmt = metric === 'cpu' ? cpu : memory;
    parts.push(`<text class="axis" x="0" y="${y + 18}">${metric === 'cpu' ? 'CPU requests' : 'Memory requests'}</text>`);
    y += heading;
    for (const r of group) {
      const w = (v: number) => Math.max(2, Math.round((v / max) * barWidth));
      const over = r.requested < r.recommended ? 'below' : 'meets';
      parts.push(`<text x="0" y="${y + 13}">${esc(r.label)}</text>`);
      parts.push(`<rect class="requested ${over}" x="${labelWidth}" y="${y + 2}" width="${w(r.requested)}" height="12"><title>requested ${esc(fmt(r.requested))}</title></rect>`);
      parts.push(`<text class="value" x="${labelWidth + w(r.requested) + 6}" y="${y + 13}">${esc(fmt(r.requested))}</text>`);
      parts.push(`<rect class="recommended" x="${labelWidth}" y="${y + 16}" width="${w(r.recommended)}" height="12"><title>recommended ${esc(fmt(r.recommended))}</title></rect>`);
      parts.push(`<text class="value" x="${labelWidth + w(r.recommended) + 6}" y="${y + 27}">${esc(fmt(r.recommended))}</text>`);
      y += rowHeight;
    }
    y += 8;
  }
  const legend = `<g class="legend" transform="translate(${labelWidth},${y})"><rect class="requested meets" width="12" height="12"/><text x="18" y="11">requested</text><rect class="requested below" x="110" width="12" height="12"/><text x="128" y="11">requested, below the tier</text><rect class="recommended" x="300" width="12" height="12"/><text x="318" y="11">recommended</text></g>`;
  const height = y + 20;
  const width = labelWidth + barWidth + 90;
  return `<svg class="chart" role="img" aria-label="Requested against recommended resources" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg">${parts.join('')}${legend}</svg>`;
}

/** Titles open the file in the webview (the script sends the location); in a browser they are plain text. */
function link(entry: WorkloadEntry, html: string): string {
  return `<a class="open" href="#${esc(anchor(entry))}" data-uri="${esc(entry.uri)}" data-line="${entry.range.start.line}" data-character="${entry.range.start.character}">${html}</a>`;
}

function anchor(entry: WorkloadEntry): string {
  return `w-${entry.id.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
}

export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const STYLE = `
:root {
  --hr-fg: var(--vscode-foreground, #1f2328);
  --hr-bg: var(--vscode-editor-background, #ffffff);
  --hr-muted: var(--vscode-descriptionForeground, #59636e);
  --hr-border: var(--vscode-panel-border, #d1d9e0);
  --hr-link: var(--vscode-textLink-foreground, #0969da);
  --hr-below: var(--vscode-editorWarning-foreground, #9a6700);
  --hr-ok: var(--vscode-testing-iconPassed, #1a7f37);
  --hr-bar: var(--vscode-charts-blue, #0969da);
  --hr-bar-rec: var(--vscode-charts-green, #1a7f37);
  --hr-bar-below: var(--vscode-charts-orange, #bc4c00);
  --hr-font: var(--vscode-font-family, system-ui, -apple-system, "Segoe UI", sans-serif);
  --hr-mono: var(--vscode-editor-font-family, ui-monospace, "SFMono-Regular", monospace);
}
@media (prefers-color-scheme: dark) {
  :root:not(.vscode-light):not(.vscode-dark):not(.vscode-high-contrast) {
    --hr-fg: #e6edf3; --hr-bg: #0d1117; --hr-muted: #9198a1; --hr-border: #3d444d; --hr-link: #4493f8;
    --hr-below: #d29922; --hr-ok: #3fb950; --hr-bar: #4493f8; --hr-bar-rec: #3fb950; --hr-bar-below: #db6d28;
  }
}
body { color: var(--hr-fg); background: var(--hr-bg); font-family: var(--hr-font); font-size: var(--vscode-font-size, 14px); line-height: 1.45; margin: 0; padding: 16px 24px 48px; }
h1 { font-size: 1.6em; margin: 0.2em 0 0.4em; }
h2 { font-size: 1.25em; margin-top: 1.6em; border-bottom: 1px solid var(--hr-border); padding-bottom: 0.2em; }
h3 { font-size: 1.05em; margin: 0 0 0.4em; }
a.open { color: var(--hr-link); text-decoration: none; cursor: pointer; }
a.open:hover { text-decoration: underline; }
table { border-collapse: collapse; margin: 0.4em 0 0.8em; }
th, td { border: 1px solid var(--hr-border); padding: 3px 8px; text-align: left; vertical-align: top; }
thead th { font-weight: 600; }
table.facts th { font-weight: 600; white-space: nowrap; }
code { font-family: var(--hr-mono); }
.muted, .source { color: var(--hr-muted); }
.source { font-size: 0.88em; }
.summary { font-size: 1.05em; }
section.workload { border: 1px solid var(--hr-border); border-radius: 6px; padding: 10px 14px; margin: 12px 0; }
.verdict { font-weight: 600; }
.verdict.below { color: var(--hr-below); }
.verdict.meets, .verdict.above { color: var(--hr-ok); }
svg.chart text { fill: var(--hr-fg); font-family: var(--hr-font); font-size: 12px; }
svg.chart text.axis { font-weight: 600; font-size: 13px; }
svg.chart text.value { fill: var(--hr-muted); }
svg.chart rect.requested { fill: var(--hr-bar); }
svg.chart rect.requested.below { fill: var(--hr-bar-below); }
svg.chart rect.recommended { fill: var(--hr-bar-rec); }
ul.sources { font-size: 0.92em; }
`;
