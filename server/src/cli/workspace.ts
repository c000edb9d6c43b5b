import * as fs from 'node:fs';
import * as path from 'node:path';
import { HeadroomEngine } from '../core/engine';
import { ALL_FORMATS } from '../core/formats';
import { defaultCatalog, loadCatalog } from '../core/capacity/catalog';
import { CATALOG_DATA } from '../core/capacity/catalog-data';
import { mergeConfig, parseHeadroomYaml } from '../core/config';
import type { TierCatalog } from '../core/capacity/catalog-types';
import type { HeadroomConfig } from '../core/config-types';
import { UsageError } from './io';

// What every command that analyses files needs (check, and later report): the workspace's
// .headroom.yaml, the catalog it extends, an engine, and the files named on the command line.

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'dist', 'out']);
/** Files a folder walk picks up; the formats still decide by content. Files named explicitly are always read. */
export const CANDIDATE_FILE = /\.(alloy|river|ya?ml|xml)$/i;

export interface WorkspaceSettings {
  config: HeadroomConfig;
  catalog: TierCatalog;
}

/**
 * `--config FILE`, else `.headroom.yaml` in the working directory, else the defaults. An invalid file
 * is a UsageError listing each problem at `file:line:column`.
 */
export function loadSettings(cwd: string, configPath: string | undefined): WorkspaceSettings {
  const configFile = configPath ? path.resolve(cwd, configPath) : findConfig(cwd);
  if (!configFile) return { config: mergeConfig(undefined, undefined), catalog: defaultCatalog };
  if (!fs.existsSync(configFile)) throw new UsageError(`config file ${configFile} does not exist`);
  const { file, findings } = parseHeadroomYaml(fs.readFileSync(configFile, 'utf8'));
  if (!file) {
    throw new UsageError(findings.map((f) => `${configFile}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`).join('\n'));
  }
  let catalog = defaultCatalog;
  if (file.catalog) {
    try {
      catalog = loadCatalog([...CATALOG_DATA, ...file.catalog]);
    } catch (error) {
      throw new UsageError(`${configFile}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { config: mergeConfig(file, undefined), catalog };
}

function findConfig(cwd: string): string | undefined {
  const candidate = path.join(cwd, '.headroom.yaml');
  return fs.existsSync(candidate) ? candidate : undefined;
}

export async function createEngine(settings: WorkspaceSettings, log: (message: string) => void): Promise<HeadroomEngine> {
  const engine = new HeadroomEngine({ services: ALL_FORMATS, catalog: settings.catalog, config: settings.config, log });
  await engine.init();
  return engine;
}

/** The files to read for `targets` (folders walked, skipping node_modules, .git, dist, out), sorted, without duplicates. */
export function collectFiles(cwd: string, targets: string[]): string[] {
  const files: string[] = [];
  for (const target of targets) {
    const absolute = path.resolve(cwd, target);
    if (!fs.existsSync(absolute)) throw new UsageError(`${target} does not exist`);
    collect(absolute, files);
  }
  return [...new Set(files)].sort();
}

function collect(target: string, out: string[]): void {
  const stat = fs.statSync(target);
  if (stat.isFile()) {
    out.push(target);
    return;
  }
  if (!stat.isDirectory()) return;
  for (const entry of fs.readdirSync(target, { withFileTypes: true })) {
    if (entry.isDirectory() && SKIPPED_FOLDERS.has(entry.name)) continue;
    const child = path.join(target, entry.name);
    if (entry.isDirectory()) collect(child, out);
    else if (entry.isFile() && CANDIDATE_FILE.test(entry.name)) out.push(child);
  }
}
