import {
  CLICKHOUSE_SETTINGS_SOURCES, OBSOLETE_USER_SETTINGS, SERVER_SETTINGS as SERVER_SETTING_TYPES, SERVER_SETTINGS_FROM_DEFAULT_PROFILE,
  TOP_LEVEL_CHECK_SKIPS, USER_SETTING_ALIASES, USER_SETTINGS as USER_SETTING_TYPES,
} from './settings-data';
import { parseClickHouseValue, type QuantityResult } from '../quantity';

// Where each ClickHouse setting belongs and what ClickHouse does with it elsewhere, from the complete lists
// in settings-data.ts (generated from ClickHouse's own sources; the commits are in that file's header).

export { CLICKHOUSE_SETTINGS_SOURCES };

/** A user-level (profile/query) setting name as ClickHouse resolves it. */
export interface UserSetting {
  /** The canonical name; differs from the written one for an alias. */
  canonical: string;
  type: string;
  alias: boolean;
  /** Tier OBSOLETE: kept for compatibility, does nothing. */
  obsolete: boolean;
}

export function userSetting(name: string): UserSetting | undefined {
  const canonical = Object.hasOwn(USER_SETTING_ALIASES, name) ? USER_SETTING_ALIASES[name] : name;
  const alias = canonical !== name;
  if (Object.hasOwn(USER_SETTING_TYPES, canonical)) return { canonical, type: USER_SETTING_TYPES[canonical], alias, obsolete: false };
  if (Object.hasOwn(OBSOLETE_USER_SETTINGS, canonical)) return { canonical, type: OBSOLETE_USER_SETTINGS[canonical], alias, obsolete: true };
  return undefined;
}

/** The type of a server setting (a top-level element of config.xml / config.d), or undefined. */
export function serverSettingType(name: string): string | undefined {
  return Object.hasOwn(SERVER_SETTING_TYPES, name) ? SERVER_SETTING_TYPES[name] : undefined;
}

const skips = new Set(TOP_LEVEL_CHECK_SKIPS);
const fromDefaultProfile = new Set(SERVER_SETTINGS_FROM_DEFAULT_PROFILE);

/**
 * What ClickHouse does with an element of this name at the top level of the main server config.
 * `Settings::checkNoSettingNamesAtTopLevel` (src/Core/Settings.cpp, run by the main config reloader in
 * programs/server/Server.cpp at start-up and on every reload) loops over the canonical user-level names
 * only, skips tier OBSOLETE and three names that are also config sections or server settings, and throws
 * UNKNOWN_ELEMENT_IN_CONFIG for any other one present, unless `skip_check_for_incorrect_settings` is set.
 *  - `rejected`: the server refuses to start (and a reload is refused);
 *  - `alias` / `obsolete`: not checked, so accepted, and without effect there;
 *  - `server`: a server setting (also the exempt names that are both);
 *  - undefined: not a setting Headroom knows at either level (sections such as <logger>, typos).
 */
export function topLevelVerdict(name: string): 'rejected' | 'alias' | 'obsolete' | 'server' | undefined {
  if (Object.hasOwn(USER_SETTING_TYPES, name) && !skips.has(name)) return 'rejected';
  if (serverSettingType(name) !== undefined) return 'server';
  const user = userSetting(name);
  if (user?.alias) return 'alias';
  if (user?.obsolete) return 'obsolete';
  return undefined;
}

/**
 * Whether `ServerSettingsImpl::loadSettingsFromConfig` (src/Core/ServerSettings.cpp) reads this server
 * setting from `<profiles><default>` when the top level does not set it (settings_from_profile_allowlist).
 */
export function serverReadsFromDefaultProfile(name: string): boolean {
  return fromDefaultProfile.has(name);
}

/** Every server setting name (top-level elements of the server config). */
export const SERVER_SETTINGS: ReadonlySet<string> = new Set(Object.keys(SERVER_SETTING_TYPES));

/** Every user-level setting name, aliases and obsolete ones included. */
export const USER_SETTINGS: ReadonlySet<string> = new Set([...Object.keys(USER_SETTING_TYPES), ...Object.keys(OBSOLETE_USER_SETTINGS), ...Object.keys(USER_SETTING_ALIASES)]);

/**
 * A setting's value as ClickHouse parses it for its declared type (a server setting first, else a user-level
 * one); undefined when the name or its type is not one Headroom checks.
 */
export function settingValue(name: string, text: string): QuantityResult | undefined {
  const type = serverSettingType(name) ?? userSetting(name)?.type;
  return type ? parseClickHouseValue(text, type) : undefined;
}
