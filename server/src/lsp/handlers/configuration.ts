import { DidChangeConfigurationNotification } from 'vscode-languageserver/node';
import type { ServerContext } from '../context';
import type { HeadroomConfig, } from '../../core/config-types';
import { settingsToConfig, type HeadroomSettings } from '../../core/config';

/**
 * `headroom.*` settings: pulled with workspace/configuration when the client supports it (VS Code),
 * otherwise taken from didChangeConfiguration's payload (Neovim and others push them).
 */
export function register(ctx: ServerContext, canPull: () => boolean, onChange: (config: HeadroomConfig, settings: HeadroomSettings) => void): void {
  const refresh = async (pushed?: unknown) => {
    let settings: HeadroomSettings = {};
    try {
      if (canPull()) settings = (await ctx.connection.workspace.getConfiguration('headroom')) ?? {};
      else if (pushed && typeof pushed === 'object' && 'headroom' in pushed) settings = (pushed as { headroom: HeadroomSettings }).headroom ?? {};
    } catch (error) {
      ctx.log(`could not read headroom settings: ${String(error)}`);
    }
    onChange(settingsToConfig(settings), settings);
  };
  ctx.connection.onDidChangeConfiguration(({ settings }) => void refresh(settings));
  ctx.connection.onInitialized(() => {
    if (canPull()) void ctx.connection.client.register(DidChangeConfigurationNotification.type, undefined);
    void refresh();
  });
}
