import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { needsShared } from '../../helpers/shared';
import { seed004ClickHouseXml } from '../../helpers/seed-fixtures';
import { applyEdits, newEngine } from '../../helpers/alloy';
import type { HeadroomEngine } from '../../../server/src/core/engine';
import type { Finding } from '../../../server/src/core/types';
import { serverReadsFromDefaultProfile, topLevelVerdict, userSetting } from '../../../server/src/core/clickhouse/settings-levels';
import { ratioDisablesServerLimit } from '../../../server/src/core/clickhouse/memory-limit';

let engine: HeadroomEngine;
before(async () => { engine = await newEngine(); });

function lint(text: string, uri = 'file:///etc/clickhouse-server/config.d/case.xml'): Finding[] {
  engine.open({ uri, text, languageId: 'xml' });
  const findings = engine.lint(uri);
  engine.close(uri);
  return findings;
}

const config = (body: string) => `<clickhouse>\n${body}\n</clickhouse>\n`;
const summary = (findings: Finding[]) => findings.map((f) => `${f.range.start.line + 1} ${f.severity} ${f.code}`);

// The lists come from ClickHouse's own sources (settings-data.ts); these are the cases the audit named.
test('setting levels as ClickHouse resolves them', () => {
  assert.equal(topLevelVerdict('merge_tree_max_rows_to_use_cache'), 'rejected', 'a canonical user-level setting the hand-picked table missed');
  assert.equal(topLevelVerdict('max_memory_usage'), 'rejected');
  assert.equal(topLevelVerdict('input_format_skip_unknown_fields'), 'rejected', 'format settings are user-level settings too');
  assert.equal(topLevelVerdict('async_insert_busy_timeout_ms'), 'alias');
  assert.equal(userSetting('async_insert_busy_timeout_ms')?.canonical, 'async_insert_busy_timeout_max_ms');
  assert.equal(topLevelVerdict('async_insert_stale_timeout_ms'), 'obsolete');
  for (const both of ['max_table_size_to_drop', 'max_partition_size_to_drop', 'background_pool_size', 'async_insert_threads']) assert.equal(topLevelVerdict(both), 'server', both);
  assert.equal(topLevelVerdict('compression'), undefined, 'a config section the check exempts');
  assert.equal(topLevelVerdict('logger'), undefined);
  assert.equal(topLevelVerdict('max_server_memory_usage'), 'server');
  for (const pool of ['background_pool_size', 'background_merges_mutations_concurrency_ratio', 'background_schedule_pool_size', 'max_remote_read_network_bandwidth_for_server']) {
    assert.ok(serverReadsFromDefaultProfile(pool), pool);
  }
  assert.equal(serverReadsFromDefaultProfile('mark_cache_size'), false);
});

test('top level: a canonical user setting is an error with the move fix, an alias or an obsolete one a warning', () => {
  const text = config([
    '  <merge_tree_max_rows_to_use_cache>1048576</merge_tree_max_rows_to_use_cache>',
    '  <async_insert_busy_timeout_ms>200</async_insert_busy_timeout_ms>',
    '  <async_insert_stale_timeout_ms>0</async_insert_stale_timeout_ms>',
    '  <background_pool_size>32</background_pool_size>',
    '  <max_table_size_to_drop>0</max_table_size_to_drop>',
  ].join('\n'));
  const findings = lint(text);
  assert.deepEqual(summary(findings), ['2 error clickhouse/setting-wrong-level', '3 warning clickhouse/setting-wrong-level', '4 warning clickhouse/setting-wrong-level']);
  assert.match(findings[0].message, /ClickHouse refuses to start, and refuses a reload/);
  assert.match(findings[1].message, /alias of the user-level setting async_insert_busy_timeout_max_ms: .* the server starts, but at the top level it has no effect/);
  assert.match(findings[2].message, /obsolete user-level setting: .* ignores it everywhere/);
  assert.equal(findings[0].fixes?.[0].title, 'Move <merge_tree_max_rows_to_use_cache>, <async_insert_busy_timeout_ms> into <profiles><default>');
  const removed = applyEdits(text, findings[2].fixes![0].edits);
  assert.equal(removed, text.replace('  <async_insert_stale_timeout_ms>0</async_insert_stale_timeout_ms>\n', ''));
});

test('top level of a users file, or with the check switched off: no start-up failure, the setting is just ignored', () => {
  const body = '  <max_memory_usage>10000000000</max_memory_usage>\n  <profiles><default></default></profiles>';
  for (const uri of ['file:///etc/clickhouse-server/users.xml', 'file:///etc/clickhouse-server/users.d/limits.xml', 'file:///srv/ch/my-users.yaml.xml'.replace('.yaml.xml', '.xml')]) {
    const [finding] = lint(config(body), uri);
    assert.equal(finding.severity, 'warning', uri);
    assert.match(finding.message, /at the top level of a users file it belongs to no profile and has no effect/);
  }
  const [skipped] = lint(config(`${body}\n  <skip_check_for_incorrect_settings>1</skip_check_for_incorrect_settings>`));
  assert.equal(skipped.severity, 'warning');
  assert.match(skipped.message, /skip_check_for_incorrect_settings is on/);
});

test('profiles: the background pools ClickHouse reads from <profiles><default> are fine there only; other server settings are rejected', () => {
  const text = config([
    '  <profiles>',
    '    <default>',
    '      <background_pool_size>32</background_pool_size>',
    '      <background_merges_mutations_concurrency_ratio>2</background_merges_mutations_concurrency_ratio>',
    '      <max_insert_block_size_rows>1048576</max_insert_block_size_rows>',
    '      <mark_cache_size>5368709120</mark_cache_size>',
    '    </default>',
    '    <web>',
    '      <background_pool_size>32</background_pool_size>',
    '    </web>',
    '  </profiles>',
  ].join('\n'));
  const findings = lint(text);
  assert.deepEqual(summary(findings), ['7 error clickhouse/setting-wrong-level', '10 warning clickhouse/setting-wrong-level']);
  assert.match(findings[0].message, /<mark_cache_size> is a server setting, not a user-level one: .*rejects this one \(UNKNOWN_SETTING\)/);
  assert.match(findings[1].message, /obsolete and does nothing, and ClickHouse falls back to it only in <profiles><default>/);
});

test('values: size suffixes accepted where ClickHouse accepts them, 1e10 rejected with its whole-number fix', () => {
  const text = config([
    '  <max_server_memory_usage>12G</max_server_memory_usage>',
    '  <mark_cache_size>5Gi</mark_cache_size>',
    '  <max_connections>4k</max_connections>',
    '  <uncompressed_cache_size>8GB</uncompressed_cache_size>',
    '  <max_server_memory_usage_to_ram_ratio>80%</max_server_memory_usage_to_ram_ratio>',
    '  <profiles><default>',
    '    <max_memory_usage>1e10</max_memory_usage>',
    '    <max_bytes_before_external_sort>10Gi</max_bytes_before_external_sort>',
    '    <async_insert>true</async_insert>',
    '    <async_insert_busy_timeout_ms>50</async_insert_busy_timeout_ms>',
    '  </default></profiles>',
  ].join('\n'));
  const findings = lint(text).filter((f) => f.code === 'clickhouse/invalid-value');
  assert.deepEqual(summary(findings), ['5 error clickhouse/invalid-value', '6 error clickhouse/invalid-value', '8 error clickhouse/invalid-value']);
  assert.match(findings[0].message, /"8GB" is not a ClickHouse UInt64: .* fails to load the server config/);
  assert.match(findings[1].message, /"80%" is not a ClickHouse Double/);
  assert.match(findings[2].message, /"1e10" is not a ClickHouse UInt64: .*rejects <profiles><default>/);
  assert.equal(findings[2].fixes?.[0].title, 'Write 10000000000');
});

test('max_server_memory_usage_to_ram_ratio 0 means no limit: said so, and no server memory is computed from it', () => {
  assert.ok(ratioDisablesServerLimit(0));
  assert.ok(!ratioDisablesServerLimit(0.8));
  engine.open({ uri: 'file:///ws0/values.yaml', languageId: 'yaml', text: 'clickhouse:\n  resources:\n    limits:\n      memory: 16Gi\n' });
  const text = config('  <max_server_memory_usage>20000000000</max_server_memory_usage>\n  <max_server_memory_usage_to_ram_ratio>0</max_server_memory_usage_to_ram_ratio>\n  <profiles><default><max_memory_usage>100000000000</max_memory_usage></default></profiles>');
  engine.open({ uri: 'file:///ws0/config.xml', languageId: 'xml', text });
  const findings = engine.lint('file:///ws0/config.xml');
  assert.deepEqual(findings.map((f) => f.code), ['clickhouse/memory-ratio'], 'neither "lowered to 0 bytes" nor a per-query limit above a server limit that does not exist');
  assert.equal(findings[0].severity, 'warning');
  assert.match(findings[0].message, /removes the server's memory limit: ClickHouse lowers max_server_memory_usage to memory × 0 = 0, and 0 means no limit/);
  assert.deepEqual(engine.inlayHints('file:///ws0/config.xml', { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } }), []);
  engine.close('file:///ws0/config.xml');
  engine.close('file:///ws0/values.yaml');
});

test('seed 004 XML: three user-level settings stop the server; async_insert_busy_timeout_ms is an alias, a warning', needsShared('seeds'), () => {
  const { text } = seed004ClickHouseXml();
  const findings = lint(text, 'file:///ch/seed-004-config.xml').filter((f) => f.code === 'clickhouse/setting-wrong-level');
  const verdicts = findings.map((f) => `${/<(\w+)>/.exec(f.message)![1]} ${f.severity}`);
  assert.deepEqual(verdicts, ['max_memory_usage error', 'async_insert error', 'async_insert_max_data_size error', 'async_insert_busy_timeout_ms warning']);
  assert.match(findings[3].message, /alias of the user-level setting async_insert_busy_timeout_max_ms/);
});
