import { LineCounter, parseDocument } from 'yaml';
import { SEVERITY_SETTINGS, type HeadroomConfig } from './config-types';
import type { Finding, Severity } from './types';
import { validAlloyVersion } from './alloy/schema/versions';
import type { HeadroomFile } from './config-schema';

export type { HeadroomFile };

let schemas: typeof import('./config-schema') | undefined;

/** The schemas of `.headroom.yaml`, loaded (with zod) on first use: most workspaces have no such file. */
export function configSchemas(): typeof import('./config-schema') {
  // A `require` where it is needed, not an import: esbuild then runs zod's module code on this first call.
  return schemas ??= require('./config-schema') as typeof import('./config-schema');
}

function isSeveritySetting(value: unknown): value is Severity | 'off' {
  return (SEVERITY_SETTINGS as readonly unknown[]).includes(value);
}

/** 5 MB: larger configuration files are generated output, not something a person edits. */
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

export function defaultConfig(): HeadroomConfig {
  return { tiers: {}, severity: {}, maxFileBytes: DEFAULT_MAX_FILE_BYTES, load: {} };
}

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
      if (isSeveritySetting(value)) config.severity[code] = value;
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
  const parsed = configSchemas().headroomFileSchema.safeParse(data);
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
