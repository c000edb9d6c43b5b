import { z } from 'zod';
import { LineCounter, parseDocument } from 'yaml';
import type { HeadroomConfig } from './config-types';
import type { Finding, Severity } from './types';
import { rawTierSchema } from './capacity/catalog';
import { NEWEST_VERSION, validAlloyVersion } from './alloy/schema/versions';
import { LOAD_METRICS, LOAD_METRIC_NAMES } from './capacity/load';

/** 5 MB: larger configuration files are generated output, not something a person edits. */
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

export function defaultConfig(): HeadroomConfig {
  return { tiers: {}, severity: {}, maxFileBytes: DEFAULT_MAX_FILE_BYTES, load: {} };
}

const severitySetting = z.enum(['error', 'warning', 'info', 'hint', 'off']);

/** `.headroom.yaml` at the workspace root: data only, nothing in it is executed or read from elsewhere. */
export const headroomFileSchema = z.object({
  defaultTier: z.string().min(1).optional().describe('Tier to check against when a file does not say, e.g. medium.'),
  tiers: z.record(z.string(), z.string().min(1)).optional().describe('Tier per catalog workload, e.g. { gateway: enterprise }.'),
  severity: z.record(z.string(), severitySetting).optional().describe('Severity per finding code (alloy/batch-timeout) or prefix (k8s/*), or off.'),
  maxFileBytes: z.number().int().positive().optional().describe('Files larger than this are not analysed.'),
  catalog: z.array(rawTierSchema).optional().describe('Extra or replacement tiers, in the catalog shape, each with its source.'),
  alloyVersion: z.string().regex(/^v?1\.\d+(\.\d+)?$/).refine(validAlloyVersion, { message: `an Alloy 1.x release up to ${NEWEST_VERSION}, such as "1.10" or "v1.10.2"` }).optional()
    .describe(`Alloy release the configs are checked against (arguments added or removed since, changed defaults), e.g. "1.10". Default: ${NEWEST_VERSION}.`),
  load: z.record(z.string(), loadSchema()).optional().describe('Load per catalog workload, e.g. { alloy: { otlpRequestsPerMinute: 40000 }, gateway: { agents: 80 } }: Headroom picks the tier the documents size for it.'),
}).strict();

function loadSchema() {
  const shape = Object.fromEntries(LOAD_METRIC_NAMES.map((m) => [m, z.number().positive().optional().describe(LOAD_METRICS[m].label)]));
  return z.object(shape).strict();
}

export type HeadroomFile = z.infer<typeof headroomFileSchema>;

/** VS Code settings under `headroom.*`, as the client sends them. */
export interface HeadroomSettings {
  defaultTier?: string;
  severity?: Record<string, string>;
  maxFileBytes?: number;
  inlayHints?: { enabled?: boolean };
  alloyVersion?: string;
}

/** Settings override the workspace file, which overrides the defaults. Unknown severities are ignored. */
export function mergeConfig(file: HeadroomFile | undefined, settings: HeadroomSettings | undefined): HeadroomConfig {
  const config = defaultConfig();
  if (file) {
    config.defaultTier = file.defaultTier;
    config.tiers = { ...file.tiers };
    config.severity = { ...file.severity };
    config.load = Object.fromEntries(Object.entries(file.load ?? {}).map(([w, l]) => [w, Object.fromEntries(Object.entries(l).filter(([, v]) => v !== undefined))]));
    if (file.maxFileBytes) config.maxFileBytes = file.maxFileBytes;
    if (file.alloyVersion) config.alloyVersion = file.alloyVersion;
  }
  if (settings) {
    if (settings.defaultTier) config.defaultTier = settings.defaultTier;
    for (const [code, value] of Object.entries(settings.severity ?? {})) {
      if (severitySetting.safeParse(value).success) config.severity[code] = value as Severity | 'off';
    }
    if (typeof settings.maxFileBytes === 'number' && settings.maxFileBytes > 0) config.maxFileBytes = settings.maxFileBytes;
    if (typeof settings.alloyVersion === 'string' && validAlloyVersion(settings.alloyVersion)) config.alloyVersion = settings.alloyVersion;
  }
  return config;
}

/**
 * Reads `.headroom.yaml`. Invalid content gives findings with positions (code `headroom/config`) and
 * `file: undefined`, so the defaults keep working. Aliases are capped so an alias bomb cannot blow up.
 */
export function parseHeadroomYaml(text: string): { file?: HeadroomFile; findings: Finding[] } {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line - 1, character: col - 1 };
  };
  const finding = (message: string, start: number, end: number): Finding => ({
    code: 'headroom/config', severity: 'error', message, range: { start: at(start), end: at(Math.max(start, end)) },
  });
  // Warnings too: an unresolved tag such as `!include` must not be read as a plain string.
  const problems = [...document.errors, ...document.warnings];
  if (problems.length > 0) {
    return { findings: problems.map((e) => finding(`.headroom.yaml: ${e.message.split('\n')[0]}`, e.pos[0], e.pos[1])) };
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error) {
    return { findings: [finding(`.headroom.yaml: ${error instanceof Error ? error.message : String(error)}`, 0, 0)] };
  }
  const parsed = headroomFileSchema.safeParse(data);
  if (parsed.success) return { file: parsed.data, findings: [] };
  return {
    findings: parsed.error.issues.map((issue) => {
      const node = document.getIn(issue.path as (string | number)[], true) as { range?: [number, number, number] } | undefined;
      const parent = document.getIn(issue.path.slice(0, -1) as (string | number)[], true) as { range?: [number, number, number] } | undefined;
      const range = node?.range ?? parent?.range ?? [0, 0, 0];
      return finding(`.headroom.yaml ${issue.path.join('.') || '(root)'}: ${issue.message}`, range[0], range[1]);
    }),
  };
}
