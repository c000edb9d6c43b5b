import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { fixturePath } from '../../helpers/paths';
import { needsShared } from '../../helpers/shared';
import { seed004ClickHouseXml } from '../../helpers/seed-fixtures';
import { actualFindings, applyEdits, expectedFindings, newEngine } from '../../helpers/alloy';
import { parseXml } from '../../../server/src/core/clickhouse/xml';
import type { HeadroomEngine } from '../../../server/src/core/engine';

let engine: HeadroomEngine;
before(async () => { engine = await newEngine(); });

// Besides the files under test/fixtures/clickhouse/, seed 004's server tuning block is read from the document at test time.
const fixtures: { name: string; read: () => string; options: { skip?: string } }[] = [
  ...fs.readdirSync(fixturePath('clickhouse')).filter((f) => f.endsWith('.xml'))
    .map((name) => ({ name, read: () => fs.readFileSync(fixturePath('clickhouse', name), 'utf8'), options: {} })),
  { name: 'seed-004-config.xml', read: () => seed004ClickHouseXml().text, options: needsShared('seeds') },
];

for (const { name, read, options } of fixtures) {
  test(`fixture ${name}: findings match its expect comments`, options, () => {
    const text = read();
    const uri = `file:///ch/${name}`;
    engine.open({ uri, text, languageId: 'xml' });
    assert.equal(engine.formatOf(uri), 'clickhouse');
    const findings = engine.lint(uri);
    engine.close(uri);
    assert.deepEqual(actualFindings(findings), expectedFindings(text), findings.map((f) => `${f.range.start.line + 1} ${f.code}: ${f.message}`).join('\n'));
  });
}

for (const { name, read, options } of fixtures) {
  test(`fixture ${name}: every fix removes its finding, adds no XML problem and keeps every comment`, options, () => {
    const text = read();
    const uri = `file:///ch/fix-${name}`;
    engine.open({ uri, text, languageId: 'xml' });
    const findings = engine.lint(uri);
    engine.close(uri);
    for (const finding of findings) {
      for (const fix of finding.fixes ?? []) {
        const fixed = applyEdits(text, fix.edits);
        assert.notEqual(fixed, text, fix.title);
        assert.ok(parseXml(fixed).problems.length <= parseXml(text).problems.length, `${fix.title} adds no XML problem:\n${fixed}`);
        assert.equal(fixed.match(/<!--/g)?.length, text.match(/<!--/g)?.length, `${fix.title} keeps every comment`);
        engine.open({ uri: `${uri}#fix`, text: fixed, languageId: 'xml' });
        const after = engine.lint(`${uri}#fix`);
        engine.close(`${uri}#fix`);
        assert.ok(after.filter((f) => f.code === finding.code).length < findings.filter((f) => f.code === finding.code).length,
          `${fix.title}: ${finding.code} still reported\n${fixed}`);
      }
    }
  });
}

test('seed 004 XML: one fix moves every profile setting into <profiles><default>; the result has no level finding', needsShared('seeds'), () => {
  const { text } = seed004ClickHouseXml();
  const uri = 'file:///ch/seed.xml';
  engine.open({ uri, text, languageId: 'xml' });
  const edits = engine.fixAll(uri);
  const fixed = applyEdits(text, edits);
  engine.open({ uri, text: fixed, languageId: 'xml' });
  assert.deepEqual(engine.lint(uri).map((f) => f.code), []);
  assert.deepEqual(engine.fixAll(uri), [], 'fix all is idempotent');
  const xml = parseXml(fixed);
  assert.deepEqual(xml.problems, []);
  const moved = xml.root!.children.find((c) => c.name === 'profiles')!.children.find((c) => c.name === 'default')!.children.map((c) => `${c.name}=${c.text}`);
  assert.deepEqual(moved, ['max_memory_usage=12000000000', 'async_insert=1', 'async_insert_max_data_size=10000000', 'async_insert_busy_timeout_ms=50']);
  // Server settings and every comment stay where they were.
  assert.deepEqual(xml.root!.children.map((c) => c.name).filter((n) => n !== 'profiles'),
    ['max_server_memory_usage_to_ram_ratio', 'max_connections', 'max_concurrent_queries', 'background_pool_size', 'background_schedule_pool_size', 'async_insert_threads']);
  assert.equal(fixed.match(/<!--/g)!.length, text.match(/<!--/g)!.length);
  assert.match(fixed, /\n  <profiles>\n    <default>\n      <max_memory_usage>12000000000<\/max_memory_usage>\n      <async_insert>1<\/async_insert>\n/);
});

test('the XML parser expands no entity and reads nothing from outside', () => {
  const marker = `/tmp/headroom-xxe-${process.pid}`;
  fs.writeFileSync(marker, 'SECRET-MARKER');
  const xml = parseXml(`<!DOCTYPE c [<!ENTITY x SYSTEM "file://${marker}"><!ENTITY y "&x;&x;">]><clickhouse><a>&x;&y;&lt;&#65;</a></clickhouse>`);
  assert.equal(xml.root!.children[0].text, '&x;&y;<A');
  const texts: string[] = [];
  const collect = (e: { text: string; attributes: { value: string }[]; children: never[] }) => { texts.push(e.text, ...e.attributes.map((a) => a.value)); e.children.forEach(collect); };
  xml.elements.forEach((e) => collect(e as never));
  assert.ok(!texts.join('').includes('SECRET-MARKER'));
  assert.ok(xml.problems.some((p) => /DOCTYPE and ENTITY declarations are ignored/.test(p.message)));
  fs.unlinkSync(marker);
});

test('hover on a memory setting estimates the log rows/s the server sustains, against the pod in the workspace', () => {
  engine.open({ uri: 'file:///ws/ch-values.yaml', languageId: 'yaml', text: 'clickhouse:\n  resources:\n    limits:\n      memory: 16Gi\n    requests:\n      memory: 8Gi\n' });
  const text = '<clickhouse>\n  <max_server_memory_usage_to_ram_ratio>0.8</max_server_memory_usage_to_ram_ratio>\n  <max_server_memory_usage>20000000000</max_server_memory_usage>\n</clickhouse>\n';
  engine.open({ uri: 'file:///ws/config.xml', languageId: 'xml', text });
  const hover = engine.hover('file:///ws/config.xml', { line: 1, character: 5 });
  assert.ok(hover);
  // Regression: the estimate follows seed 004's profile table for the pod's memory (16Gi ↔ 100k+), not
  // its formula applied to post-ratio memory in decimal GB (which said ≈ 234,878); the hover names both.
  assert.match(hover.markdown, /≥ 100,000 log rows\/s \(enterprise tier\): Headroom estimate from the 16Gi memory limit of HelmValues clickhouse: the enterprise profile pairs 16Gi with 100k\+/);
  assert.match(hover.markdown, /seed 004's memory formula .* would give ≈ 303,597 for 17\.2 GB; its profile table \(2Gi ↔ 1k, 4Gi ↔ 10k, 8Gi ↔ 50k, 16Gi ↔ 100k\+\) is used/);
  const findings = engine.lint('file:///ws/config.xml');
  const pod = findings.find((f) => f.code === 'clickhouse/server-memory-vs-pod');
  assert.ok(pod, findings.map((f) => f.code).join());
  assert.equal(pod.related?.[0].uri, 'file:///ws/ch-values.yaml');
  const [hint] = engine.inlayHints('file:///ws/config.xml', { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } });
  assert.equal(hint.label, '≥ 100,000 log rows/s (enterprise tier)');
  engine.close('file:///ws/ch-values.yaml');
});

test('regression: ClickHouse sustained log rows/s agree with seed 004\'s profile table (2Gi ≈ 1,000, 4Gi ≈ 10,000, 8Gi ≈ 50,000, 16Gi ≥ 100,000)', () => {
  const xml = '<clickhouse>\n  <max_server_memory_usage_to_ram_ratio>0.8</max_server_memory_usage_to_ram_ratio>\n</clickhouse>\n';
  for (const [memory, label] of [['2Gi', '≈ 1,000 log rows/s (default tier)'], ['3Gi', '≈ 1,000 log rows/s (default tier)'], ['4Gi', '≈ 10,000 log rows/s (medium tier)'], ['8Gi', '≈ 50,000 log rows/s (large tier)'], ['16Gi', '≥ 100,000 log rows/s (enterprise tier)'], ['1Gi', '≈ below the smallest profile']]) {
    engine.open({ uri: 'file:///p/values.yaml', languageId: 'yaml', text: `clickhouse:\n  resources:\n    limits:\n      memory: ${memory}\n` });
    engine.open({ uri: 'file:///p/config.xml', languageId: 'xml', text: xml });
    const [hint] = engine.inlayHints('file:///p/config.xml', { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } });
    assert.equal(hint?.label, label, memory);
    engine.close('file:///p/config.xml');
    engine.close('file:///p/values.yaml');
  }
});

test('only ClickHouse XML is claimed', () => {
  engine.open({ uri: 'file:///pom.xml', languageId: 'xml', text: '<?xml version="1.0"?>\n<project><modelVersion>4.0.0</modelVersion></project>\n' });
  assert.equal(engine.formatOf('file:///pom.xml'), undefined);
  engine.open({ uri: 'file:///c.xml', languageId: 'xml', text: '<?xml version="1.0"?>\n<!-- x -->\n<yandex/>\n' });
  assert.equal(engine.formatOf('file:///c.xml'), 'clickhouse');
});

test('the workspace facts read server memory settings as ClickHouse does: size suffixes count, substitutions stay unknown', () => {
  const uri = 'file:///ch/facts.xml';
  engine.open({ uri, languageId: 'xml', text: '<clickhouse>\n  <max_server_memory_usage>12G</max_server_memory_usage>\n  <max_server_memory_usage_to_ram_ratio from_env="RATIO"/>\n</clickhouse>\n' });
  const memory = engine.get(uri)?.clickhouseMemory;
  engine.close(uri);
  assert.equal(memory?.maxServerMemoryUsage, 12e9);
  assert.equal(memory?.maxServerMemoryUsageToRamRatio, undefined);
});
