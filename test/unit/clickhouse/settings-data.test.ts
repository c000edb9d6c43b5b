import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extractSettings, renderSettingsData, settingDeclarations } from '../../../scripts/gen-clickhouse-settings';
import {
  CLICKHOUSE_SETTINGS_SOURCES, OBSOLETE_USER_SETTINGS, SERVER_SETTINGS, SERVER_SETTINGS_FROM_DEFAULT_PROFILE, TOP_LEVEL_CHECK_SKIPS,
  USER_SETTING_ALIASES, USER_SETTINGS,
} from '../../../server/src/core/clickhouse/settings-data';

// The generator reads ClickHouse's C++ setting lists; these inputs have the shapes the real files have,
// including the ones that break a naive reader (macro names inside descriptions, custom raw-string
// delimiters, digit separators, comments, several aliases, obsolete by flag).
const SETTINGS_CPP = `
#define COMMON_SETTINGS(DECLARE, DECLARE_WITH_ALIAS) \\
    DECLARE(UInt64, max_memory_usage, 0, R"(
Limits memory. ... PARTITION BY toYYYYMDECLARE(d) ... "quoted" ) not the end
)", 0) \\
    DECLARE(UInt64, memory_usage_overcommit_max_wait_microseconds, 5'000'000, R"(Wait.)", 0) \\
    DECLARE(UInt64, max_size_to_preallocate_for_aggregation, 1'000'000'000'000, "plain, with a comma", 0) \\
    /* DECLARE(Bool, commented_out, false, R"()", 0) */ \\
    // DECLARE(Bool, line_commented_out, false, R"()", 0)
    DECLARE(Bool, output_format_json_quote_denormals, false, R"str(
Enables +nan outputs: )" is not the end here
)str", 0) \\
    DECLARE_WITH_ALIAS(Milliseconds, async_insert_busy_timeout_max_ms, 200, R"(Max.)", 0, async_insert_busy_timeout_ms) \\
    DECLARE_WITH_ALIAS(Bool, enable_time_series_aggregate_functions, false, R"()", PRIVATE_PREVIEW, allow_a, allow_b) \\
    DECLARE_WITH_ALIAS(Bool, allow_experimental_analyzer, true, R"(Obsolete.)", IMPORTANT | SettingsTierType::OBSOLETE, enable_analyzer) \\
    DECLARE(Char, format_csv_delimiter, ',', R"(,)", 0) \\

#define OBSOLETE_SETTINGS(M, ALIAS) \\
    MAKE_OBSOLETE(M, Milliseconds, async_insert_stale_timeout_ms, 0) \\
    MAKE_DEPRECATED_BY_SERVER_CONFIG(M, UInt64, background_pool_size, 16) \\

void SettingsImpl::checkNoSettingNamesAtTopLevel(const Poco::Util::AbstractConfiguration & config, const String & config_path)
{
        bool should_skip_check = name == "max_table_size_to_drop"
            || name == "compression";
}
`;
const FORMAT_H = `
#define MAKE_OBSOLETE(M, TYPE, NAME, DEFAULT, ...) M(TYPE, NAME, DEFAULT, "Obsolete", SettingsTierType::OBSOLETE)
#define FORMAT_FACTORY_SETTINGS(DECLARE, ALIAS) \\
    DECLARE(Bool, input_format_skip_unknown_fields, true, R"()", 0) \\
    DECLARE(UInt64, max_memory_usage, 0, R"(a duplicate of a common setting)", 0) \\
`;
const SERVER_CPP = `
#define LIST_OF_SERVER_SETTINGS_WITHOUT_PATH(DECLARE, ALIAS) \\
    DECLARE(UInt64, max_server_memory_usage, 0, R"(The maximum amount.)", 0) \\
    DECLARE(Double, max_server_memory_usage_to_ram_ratio, 0.9, R"(Ratio.)", 0) \\
    DECLARE(UInt64, background_pool_size, 16, R"()", 0) \\
    DECLARE(UInt64, max_table_size_to_drop, 50000000000lu, R"()", 0) \\
    DECLARE(UInt64, compression, 0, R"(not real: makes every skipped name declared)", 0) \\
#define LIST_OF_SERVER_SETTINGS_WITH_PATH(DECLARE, ALIAS) \\
    DECLARE(String, logger_level, "trace", R"(Log level.)", 0, "logger.level") \\
DECLARE_SETTINGS_TRAITS_WITH_PATH(ServerSettingsTraits, LIST_OF_SERVER_SETTINGS_WITHOUT_PATH, LIST_OF_SERVER_SETTINGS_WITH_PATH)
void ServerSettingsImpl::loadSettingsFromConfig(const Poco::Util::AbstractConfiguration & config)
{
    std::unordered_set<std::string> settings_from_profile_allowlist = {
        "background_pool_size",
    };
}
`;

test('the generator reads every declaration shape and nothing inside strings or comments', () => {
  const names = settingDeclarations(SETTINGS_CPP).map((d) => `${d.type} ${d.name}${d.obsolete ? ' obsolete' : ''}${d.aliases.length ? ` = ${d.aliases.join(' ')}` : ''}`);
  assert.deepEqual(names, [
    'UInt64 max_memory_usage',
    'UInt64 memory_usage_overcommit_max_wait_microseconds',
    'UInt64 max_size_to_preallocate_for_aggregation',
    'Bool output_format_json_quote_denormals',
    'Milliseconds async_insert_busy_timeout_max_ms = async_insert_busy_timeout_ms',
    'Bool enable_time_series_aggregate_functions = allow_a allow_b',
    'Bool allow_experimental_analyzer obsolete = enable_analyzer',
    'Char format_csv_delimiter',
    'Milliseconds async_insert_stale_timeout_ms obsolete',
    'UInt64 background_pool_size obsolete',
  ]);
  assert.deepEqual(settingDeclarations(FORMAT_H).map((d) => d.name), ['input_format_skip_unknown_fields', 'max_memory_usage'], 'a #define of MAKE_OBSOLETE is not a setting');
  assert.deepEqual(settingDeclarations(SERVER_CPP).filter((d) => d.path).map((d) => `${d.name} ${d.path}`), ['logger_level logger.level']);
});

test('the generated data: Settings.cpp wins over format duplicates, WITH_PATH settings are not top-level names', () => {
  const data = extractSettings(SETTINGS_CPP, FORMAT_H, SERVER_CPP);
  assert.deepEqual(Object.keys(data.user).sort(), ['async_insert_busy_timeout_max_ms', 'enable_time_series_aggregate_functions', 'format_csv_delimiter', 'input_format_skip_unknown_fields',
    'max_memory_usage', 'max_size_to_preallocate_for_aggregation', 'memory_usage_overcommit_max_wait_microseconds', 'output_format_json_quote_denormals']);
  assert.deepEqual(data.obsolete, { allow_experimental_analyzer: 'Bool', async_insert_stale_timeout_ms: 'Milliseconds', background_pool_size: 'UInt64' });
  assert.deepEqual(data.aliases, { async_insert_busy_timeout_ms: 'async_insert_busy_timeout_max_ms', allow_a: 'enable_time_series_aggregate_functions', allow_b: 'enable_time_series_aggregate_functions', enable_analyzer: 'allow_experimental_analyzer' });
  assert.deepEqual(data.topLevelCheckSkips, ['max_table_size_to_drop', 'compression']);
  assert.deepEqual(Object.keys(data.server), ['max_server_memory_usage', 'max_server_memory_usage_to_ram_ratio', 'background_pool_size', 'max_table_size_to_drop', 'compression']);
  assert.deepEqual(data.serverFromDefaultProfile, ['background_pool_size']);
  const rendered = renderSettingsData(data, { settings: 'a'.repeat(40), format: 'b'.repeat(40), server: 'c'.repeat(40) });
  assert.match(rendered, /^\/\/ GENERATED by scripts\/gen-clickhouse-settings\.ts/);
  assert.match(rendered, /\n {2}async_insert_busy_timeout_ms: 'async_insert_busy_timeout_max_ms',\n/);
  assert.throws(() => extractSettings(SETTINGS_CPP.replace('should_skip_check =', 'skip ='), FORMAT_H, SERVER_CPP), /source changed shape/);
});

test('the committed data names its ClickHouse commits and is consistent', () => {
  const header = fs.readFileSync(path.join(__dirname, '..', '..', '..', '..', 'server', 'src', 'core', 'clickhouse', 'settings-data.ts'), 'utf8').split('\n').slice(0, 6).join('\n');
  for (const file of ['Settings.cpp', 'FormatFactorySettings.h', 'ServerSettings.cpp']) assert.match(header, new RegExp(`src/Core/${file.replace('.', '\\.')} +@ [0-9a-f]{40}`));
  assert.match(CLICKHOUSE_SETTINGS_SOURCES.settings, /^ClickHouse src\/Core\/Settings\.cpp @ [0-9a-f]{12}$/);
  assert.ok(Object.keys(USER_SETTINGS).length > 1000 && Object.keys(SERVER_SETTINGS).length > 200);
  for (const name of Object.keys(OBSOLETE_USER_SETTINGS)) assert.ok(!(name in USER_SETTINGS), `${name} is not both`);
  for (const [alias, canonical] of Object.entries(USER_SETTING_ALIASES)) {
    assert.ok(canonical in USER_SETTINGS || canonical in OBSOLETE_USER_SETTINGS, `${alias} → ${canonical}`);
    assert.ok(!(alias in USER_SETTINGS) && !(alias in SERVER_SETTINGS), `${alias} is only an alias`);
  }
  // A name both a canonical user-level setting and a server setting would stop the server at the top level
  // unless the check skips it: ClickHouse skips exactly those.
  const both = Object.keys(USER_SETTINGS).filter((n) => n in SERVER_SETTINGS).sort();
  assert.deepEqual(both, TOP_LEVEL_CHECK_SKIPS.filter((n) => n in SERVER_SETTINGS).sort());
  for (const name of SERVER_SETTINGS_FROM_DEFAULT_PROFILE) assert.ok(name in SERVER_SETTINGS, name);
  for (const record of [USER_SETTINGS, OBSOLETE_USER_SETTINGS, USER_SETTING_ALIASES, SERVER_SETTINGS]) assert.deepEqual(Object.keys(record), Object.keys(record).sort());
});
