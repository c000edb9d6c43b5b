import * as fs from 'node:fs';
import * as path from 'node:path';

// Turns local copies of ClickHouse's setting lists into server/src/core/clickhouse/settings-data.ts.
// Only names, types, aliases, the obsolete tier and two short name lists are extracted: no code, no prose.
//
//   npx tsc -p tsconfig.json && node out/scripts/gen-clickhouse-settings.js \
//     --settings  <ClickHouse>/src/Core/Settings.cpp              --settings-commit <sha> \
//     --format    <ClickHouse>/src/Core/FormatFactorySettings.h   --format-commit <sha> \
//     --server    <ClickHouse>/src/Core/ServerSettings.cpp        --server-commit <sha>
//
// What is read, and why:
// - Settings.cpp COMMON_SETTINGS (`DECLARE(type, name, default, description, flags)` and
//   `DECLARE_WITH_ALIAS(..., flags, alias...)`) and OBSOLETE_SETTINGS (`MAKE_OBSOLETE(M, type, name, default)`,
//   `MAKE_DEPRECATED_BY_SERVER_CONFIG(M, type, name, default)`, both of tier OBSOLETE per
//   src/Core/SettingsObsoleteMacros.h); FormatFactorySettings.h FORMAT_FACTORY_SETTINGS and
//   OBSOLETE_FORMAT_SETTINGS, the other half of Settings.cpp's LIST_OF_SETTINGS.
// - The names SettingsImpl::checkNoSettingNamesAtTopLevel exempts (`should_skip_check = name == "…" || …`).
// - ServerSettings.cpp LIST_OF_SERVER_SETTINGS_WITHOUT_PATH (six arguments; the WITH_PATH ones have a
//   seventh, their config path, and are not top-level elements) and the names
//   ServerSettingsImpl::loadSettingsFromConfig also reads from `profiles.default` (settings_from_profile_allowlist).

export interface SettingDeclaration {
  macro: string;
  type: string;
  name: string;
  obsolete: boolean;
  aliases: string[];
  /** ServerSettings WITH_PATH only: the config path the setting is read from. */
  path?: string;
}

const MACROS = new Set(['DECLARE', 'DECLARE_WITH_ALIAS', 'MAKE_OBSOLETE', 'MAKE_DEPRECATED_BY_SERVER_CONFIG']);

/** Offset just past the string, character literal, raw string or comment starting at `i`, or `i` when none starts there. */
function skipLiteral(text: string, i: number): number {
  const c = text[i];
  if (c === '/' && text[i + 1] === '/') {
    const end = text.indexOf('\n', i);
    return end < 0 ? text.length : end;
  }
  if (c === '/' && text[i + 1] === '*') {
    const end = text.indexOf('*/', i + 2);
    return end < 0 ? text.length : end + 2;
  }
  if (c === 'R' && text[i + 1] === '"' && !/[A-Za-z0-9_]/.test(text[i - 1] ?? '')) {
    const open = text.indexOf('(', i + 2);
    const delimiter = text.slice(i + 2, open);
    const close = text.indexOf(`)${delimiter}"`, open + 1);
    if (open < 0 || close < 0) throw new Error(`unterminated raw string at offset ${i}`);
    return close + delimiter.length + 2;
  }
  // A quote after a digit or letter is a digit separator (`1'000'000`), not a character literal.
  if (c === '"' || (c === "'" && !/[A-Za-z0-9_]/.test(text[i - 1] ?? ''))) {
    let j = i + 1;
    while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
    if (j >= text.length) throw new Error(`unterminated literal at offset ${i}`);
    return j + 1;
  }
  return i;
}

/** The top-level arguments of the call whose `(` is at `open`, trimmed, and the offset after its `)`. */
function callArguments(text: string, open: number): { args: string[]; end: number } {
  const args: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open; i < text.length;) {
    const skipped = skipLiteral(text, i);
    if (skipped !== i) {
      i = skipped;
      continue;
    }
    const c = text[i];
    if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') {
      depth--;
      if (depth === 0) {
        args.push(text.slice(start, i).trim());
        return { args, end: i + 1 };
      }
    } else if (c === ',' && depth === 1) {
      args.push(text.slice(start, i).trim());
      start = i + 1;
    }
    i++;
  }
  throw new Error(`unterminated call at offset ${open}`);
}

/** The text of a string literal argument (`"a"` or `R"(a)"`). */
function literalText(argument: string): string {
  const raw = /^R"([^(]*)\(([\s\S]*)\)\1"$/.exec(argument);
  if (raw) return raw[2];
  const plain = /^"((?:[^"\\]|\\.)*)"$/.exec(argument);
  if (!plain) throw new Error(`expected a string literal, got ${argument.slice(0, 40)}`);
  return plain[1];
}

/** Every setting declaration macro call in a ClickHouse source file, in order; strings and comments are skipped. */
export function settingDeclarations(text: string): SettingDeclaration[] {
  const out: SettingDeclaration[] = [];
  for (let i = 0; i < text.length;) {
    const skipped = skipLiteral(text, i);
    if (skipped !== i) {
      i = skipped;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i, i + 64));
    if (!word || /[A-Za-z0-9_]/.test(text[i - 1] ?? '')) {
      i++;
      continue;
    }
    const macro = word[0];
    let open = i + macro.length;
    while (/\s/.test(text[open] ?? '')) open++;
    if (!MACROS.has(macro) || text[open] !== '(') {
      i += macro.length;
      continue;
    }
    const { args, end } = callArguments(text, open);
    i = end;
    if (macro === 'MAKE_OBSOLETE' || macro === 'MAKE_DEPRECATED_BY_SERVER_CONFIG') {
      // (M, type, name, default): a `#define` of the macro itself has `TYPE, NAME` in those places.
      if (args.length < 4 || args[1] === 'TYPE') continue;
      out.push({ macro, type: args[1], name: args[2], obsolete: true, aliases: [] });
      continue;
    }
    // (type, name, default, description, flags[, aliases... | path]); a macro parameter list has fewer.
    if (args.length < 5 || !/^[a-z][a-z0-9_]*$/.test(args[1])) continue;
    const declaration: SettingDeclaration = { macro, type: args[0], name: args[1], obsolete: /\bOBSOLETE\b/.test(args[4]), aliases: [] };
    if (macro === 'DECLARE_WITH_ALIAS') declaration.aliases = args.slice(5);
    else if (args.length === 6) declaration.path = literalText(args[5]);
    out.push(declaration);
  }
  return out;
}

/** The string literals of the first `{ … }` or expression after `marker`, up to `terminator`. */
function stringsAfter(text: string, marker: string, terminator: string): string[] {
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`"${marker}" not found: the ClickHouse source changed shape, read it again`);
  const end = text.indexOf(terminator, at + marker.length);
  return [...text.slice(at + marker.length, end).matchAll(/"([^"\\]*)"/g)].map((m) => m[1]);
}

export interface ClickHouseSettingsData {
  user: Record<string, string>;
  obsolete: Record<string, string>;
  aliases: Record<string, string>;
  topLevelCheckSkips: string[];
  server: Record<string, string>;
  serverFromDefaultProfile: string[];
}

/** The data file's content from the three sources: Settings.cpp wins over the format settings where both declare a name. */
export function extractSettings(settingsCpp: string, formatSettingsH: string, serverSettingsCpp: string): ClickHouseSettingsData {
  const data: ClickHouseSettingsData = { user: {}, obsolete: {}, aliases: {}, topLevelCheckSkips: [], server: {}, serverFromDefaultProfile: [] };
  for (const d of [...settingDeclarations(settingsCpp), ...settingDeclarations(formatSettingsH)]) {
    if (d.name in data.user || d.name in data.obsolete) continue;
    (d.obsolete ? data.obsolete : data.user)[d.name] = d.type;
    for (const alias of d.aliases) data.aliases[alias] ??= d.name;
  }
  data.topLevelCheckSkips = stringsAfter(settingsCpp, 'should_skip_check =', ';');
  for (const d of settingDeclarations(serverSettingsCpp)) if (d.path === undefined) data.server[d.name] = d.type;
  data.serverFromDefaultProfile = stringsAfter(serverSettingsCpp, 'settings_from_profile_allowlist = {', '};');
  for (const name of [...data.topLevelCheckSkips, ...data.serverFromDefaultProfile]) {
    if (!(name in data.user) && !(name in data.obsolete) && !(name in data.server)) throw new Error(`${name} is listed but not declared`);
  }
  return data;
}

const sorted = (record: Record<string, string>) => Object.keys(record).sort().map((k) => `  ${k}: '${record[k]}',`).join('\n');
const names = (list: string[]) => [...list].sort().map((n) => `  '${n}',`).join('\n');

export function renderSettingsData(data: ClickHouseSettingsData, commits: { settings: string; format: string; server: string }): string {
  return `// GENERATED by scripts/gen-clickhouse-settings.ts: do not edit, regenerate.
// Extracted from ClickHouse (github.com/ClickHouse/ClickHouse), names and types only:
//   src/Core/Settings.cpp              @ ${commits.settings}
//   src/Core/FormatFactorySettings.h   @ ${commits.format}
//   src/Core/ServerSettings.cpp        @ ${commits.server}

export const CLICKHOUSE_SETTINGS_SOURCES = {
  settings: 'ClickHouse src/Core/Settings.cpp @ ${commits.settings.slice(0, 12)}',
  format: 'ClickHouse src/Core/FormatFactorySettings.h @ ${commits.format.slice(0, 12)}',
  server: 'ClickHouse src/Core/ServerSettings.cpp @ ${commits.server.slice(0, 12)}',
} as const;

/** User-level settings (Settings.cpp COMMON_SETTINGS, FormatFactorySettings.h FORMAT_FACTORY_SETTINGS): canonical name → type. */
export const USER_SETTINGS: Readonly<Record<string, string>> = {
${sorted(data.user)}
};

/** User-level settings of tier OBSOLETE (MAKE_OBSOLETE, MAKE_DEPRECATED_BY_SERVER_CONFIG, or an OBSOLETE flag): name → type. */
export const OBSOLETE_USER_SETTINGS: Readonly<Record<string, string>> = {
${sorted(data.obsolete)}
};

/** DECLARE_WITH_ALIAS aliases: alias → canonical user-level setting. */
export const USER_SETTING_ALIASES: Readonly<Record<string, string>> = {
${sorted(data.aliases)}
};

/** Canonical user-level names SettingsImpl::checkNoSettingNamesAtTopLevel lets through at the top level. */
export const TOP_LEVEL_CHECK_SKIPS: readonly string[] = [
${names(data.topLevelCheckSkips)}
];

/** Server settings (ServerSettings.cpp LIST_OF_SERVER_SETTINGS_WITHOUT_PATH): top-level element name → type. */
export const SERVER_SETTINGS: Readonly<Record<string, string>> = {
${sorted(data.server)}
};

/** Server settings ServerSettingsImpl::loadSettingsFromConfig also reads from \`profiles.default\` when the top level lacks them. */
export const SERVER_SETTINGS_FROM_DEFAULT_PROFILE: readonly string[] = [
${names(data.serverFromDefaultProfile)}
];
`;
}

function argument(argv: string[], flag: string): string {
  const at = argv.indexOf(flag);
  if (at < 0 || !argv[at + 1]) throw new Error(`missing ${flag}`);
  return argv[at + 1];
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const read = (flag: string) => fs.readFileSync(argument(argv, flag), 'utf8');
  const data = extractSettings(read('--settings'), read('--format'), read('--server'));
  if (Object.keys(data.user).length < 500 || Object.keys(data.server).length < 100) throw new Error('too few settings found: wrong files?');
  const target = path.join(__dirname, '..', '..', 'server', 'src', 'core', 'clickhouse', 'settings-data.ts');
  fs.writeFileSync(target, renderSettingsData(data, { settings: argument(argv, '--settings-commit'), format: argument(argv, '--format-commit'), server: argument(argv, '--server-commit') }));
  console.log(`wrote ${target}: ${Object.keys(data.user).length} user, ${Object.keys(data.obsolete).length} obsolete, ${Object.keys(data.aliases).length} aliases, ${Object.keys(data.server).length} server settings`);
}
