import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, type FileEvent } from 'vscode-languageserver/node';
import { WATCH_GLOB } from '../workspaceScan';
import type { ServerContext } from '../context';
import { mergeConfig, parseHeadroomYaml, type HeadroomFile, type HeadroomSettings } from '../../core/config';
import { defaultCatalog, loadCatalog } from '../../core/capacity/catalog';
import { CATALOG_DATA } from '../../core/capacity/catalog-data';
import type { Finding } from '../../core/types';
import { toDiagnostic } from '../convert';

/**
 * The configuration the engine runs with: `headroom.*` settings (pulled with workspace/configuration
 * when the client supports it, as VS Code does; pushed in didChangeConfiguration by others such as
 * Neovim) over the workspace's `.headroom.yaml`, which is read as data only — from the workspace root,
 * never following anything it names — and re-read when it changes. Its problems are published as
 * diagnostics on the file itself; the defaults keep working meanwhile.
 */
export function register(ctx: ServerContext, options: {
  canPull: () => boolean;
  canWatch: () => boolean;
  workspaceRoots: () => string[];
  onSettings: (settings: HeadroomSettings) => void;
  /** Watched data files (not .headroom.yaml) that changed on disk. */
  onFilesChanged?: (changes: FileEvent[]) => void;
  /** Called once the first configuration is in force (the workspace scan starts then). */
  onReady?: () => void;
}): void {
  let settings: HeadroomSettings = {};
  let file: HeadroomFile | undefined;
  let catalog = defaultCatalog;

  const apply = () => {
    ctx.engine.setConfig(mergeConfig(file, settings), catalog);
    options.onSettings(settings);
    ctx.scheduleDiagnostics('all');
  };

  const readFile = () => {
    file = undefined;
    catalog = defaultCatalog;
    for (const root of options.workspaceRoots()) {
      const configPath = path.join(root, '.headroom.yaml');
      const uri = pathToFileURL(configPath).href;
      let text: string;
      try {
        text = fs.readFileSync(configPath, 'utf8');
      } catch {
        void ctx.connection.sendDiagnostics({ uri, diagnostics: [] });
        continue;
      }
      const parsed = parseHeadroomYaml(text);
      const findings: Finding[] = [...parsed.findings];
      if (parsed.file) {
        file = parsed.file;
        if (parsed.file.catalog) {
          try {
            catalog = loadCatalog([...CATALOG_DATA, ...parsed.file.catalog]);
          } catch (error) {
            findings.push({
              code: 'headroom/config', severity: 'error', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
              message: `.headroom.yaml catalog: ${error instanceof Error ? error.message : String(error)}; the built-in catalog is used`,
            });
          }
        }
      }
      void ctx.connection.sendDiagnostics({ uri, diagnostics: findings.map(toDiagnostic) });
      if (file) break;
    }
  };

  const pullSettings = async (pushed?: unknown) => {
    try {
      if (options.canPull()) settings = (await ctx.connection.workspace.getConfiguration('headroom')) ?? {};
      else if (pushed && typeof pushed === 'object' && 'headroom' in pushed) settings = (pushed as { headroom: HeadroomSettings }).headroom ?? {};
    } catch (error) {
      ctx.log(`could not read headroom settings: ${String(error)}`);
    }
  };

  ctx.connection.onDidChangeConfiguration(async ({ settings: pushed }) => {
    await pullSettings(pushed);
    apply();
  });
  // One handler per connection: .headroom.yaml changes reconfigure, the other files go to the index.
  ctx.connection.onDidChangeWatchedFiles(({ changes }) => {
    const isConfig = (change: FileEvent) => change.uri.endsWith('/.headroom.yaml');
    const dataFiles = changes.filter((change) => !isConfig(change));
    if (dataFiles.length > 0) options.onFilesChanged?.(dataFiles);
    if (!changes.some(isConfig)) return;
    readFile();
    apply();
  });
  ctx.connection.onInitialized(async () => {
    if (options.canPull()) void ctx.connection.client.register(DidChangeConfigurationNotification.type, undefined);
    if (options.canWatch()) {
      void ctx.connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/.headroom.yaml' }, { globPattern: WATCH_GLOB }],
      });
    }
    readFile();
    await pullSettings();
    apply();
    options.onReady?.();
  });
}

export function rootsFrom(params: { rootUri?: string | null; workspaceFolders?: { uri: string }[] | null }): string[] {
  const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  return uris.filter((uri) => uri.startsWith('file:')).map((uri) => fileURLToPath(uri));
}
