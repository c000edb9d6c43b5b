import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { fixturePath } from '../../helpers/paths';
import { needsShared } from '../../helpers/shared';
import { seed004Values, type SeedFixture } from '../../helpers/seed-fixtures';
import { actualFindings, applyEdits, expectedFindings, newEngine } from '../../helpers/alloy';
import type { HeadroomEngine } from '../../../server/src/core/engine';

// YAML fixtures carry their verdict: `# expect: code` on each line that must be reported, nothing else.
// Besides the files under test/fixtures/k8s/, seed 004's values are built from the document at test time.

let engine: HeadroomEngine;
before(async () => { engine = await newEngine(); });

const fixtures: { name: string; read: () => string; options: { skip?: string } }[] = [
  ...fs.readdirSync(fixturePath('k8s')).filter((f) => f.endsWith('.yaml'))
    .map((name) => ({ name, read: () => fs.readFileSync(fixturePath('k8s', name), 'utf8'), options: {} })),
  seedFixture('seed-004-values.yaml', seed004Values),
];

function seedFixture(name: string, build: () => SeedFixture) {
  return { name, read: () => build().text, options: needsShared('seeds') };
}

for (const { name, read, options } of fixtures) {
  test(`fixture ${name}: findings match its expect comments`, options, () => {
    const text = read();
    const uri = `file:///k8s/${name}`;
    engine.open({ uri, text, languageId: 'yaml' });
    assert.ok(engine.formatOf(uri), `${name} is claimed`);
    const findings = engine.lint(uri);
    engine.close(uri);
    assert.deepEqual(actualFindings(findings), expectedFindings(text), findings.map((f) => `${f.range.start.line + 1} ${f.code}: ${f.message}`).join('\n'));
    for (const finding of findings) assert.doesNotMatch(finding.message, /NaN|undefined|\[object/);
  });

  test(`fixture ${name}: every fix removes its finding, keeps valid YAML and changes nothing else`, options, () => {
    const text = read();
    const uri = `file:///k8s/${name}`;
    engine.open({ uri, text, languageId: 'yaml' });
    const findings = engine.lint(uri);
    engine.close(uri);
    for (const finding of findings) {
      for (const fix of finding.fixes ?? []) {
        const fixed = applyEdits(text, fix.edits);
        assert.ok(parseAllDocuments(fixed).every((d) => d.errors.length === 0), `${fix.title} keeps valid YAML:\n${fixed}`);
        const comments = (t: string) => t.split('\n').filter((l) => l.includes('#')).length;
        assert.equal(comments(fixed), comments(text), `${fix.title} keeps every comment`);
        engine.open({ uri: `${uri}#fix`, text: fixed, languageId: 'yaml' });
        const after = engine.lint(`${uri}#fix`);
        engine.close(`${uri}#fix`);
        assert.ok(after.filter((f) => f.code === finding.code).length < findings.filter((f) => f.code === finding.code).length,
          `${fix.title}: ${finding.code} still reported\n${fixed}`);
      }
    }
  });
}

test('hover on resources shows the tier table with the current values; HPA inlay hint estimates throughput', needsShared('seeds'), () => {
  const text = fs.readFileSync(fixturePath('k8s', 'workloads.yaml'), 'utf8');
  const uri = 'file:///k8s/hover.yaml';
  engine.open({ uri, text, languageId: 'yaml' });
  const line = text.split('\n').findIndex((l) => l.trim() === 'resources:');
  const hover = engine.hover(uri, { line, character: 12 });
  assert.ok(hover);
  assert.match(hover.markdown, /Workload \*\*gateway\*\* \(from the headroom directive on line 1\), tier \*\*enterprise\*\*/);
  assert.match(hover.markdown, /\| \*\*enterprise\*\* ◀ \| ≥ 100 agents; > 50,000 requests\/s \| 5 \| 500m \/ 512Mi \| 2 \/ 2Gi \| – \|/);
  assert.match(hover.markdown, /Conflict in the document \(gateway replicas for 100 agents\): the enterprise values and the profile table run 5 replicas .* the sizing formula ceil\(agents \/ 20\) \+ 1 gives 6 \(004_8f602a648d2b47bd\.txt § Capacity Planning > Sizing Formula\)/);
  assert.match(hover.markdown, /Alert on gateway memory in use \(bytes\): warning > 1\.5e9 for 5m/);
  assert.match(hover.markdown, /Current: requests 250m \/ 512Mi, limits 2 \/ 2Gi/);
  engine.close(uri);
  const values = seed004Values().text;
  engine.open({ uri: 'file:///k8s/values.yaml', text: values, languageId: 'yaml' });
  const hints = engine.inlayHints('file:///k8s/values.yaml', { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } });
  assert.ok(hints.some((h) => h.label === '3–10 pods ≈ 60,000–200,000 req/s in total'), hints.map((h) => h.label).join('\n'));
});

test('YAML syntax errors: reported by the CLI (no language id), left to the YAML extension in the editor', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata: [unclosed\n';
  engine.open({ uri: 'file:///cli.yaml', text });
  assert.deepEqual(engine.lint('file:///cli.yaml').map((f) => f.code), ['yaml/syntax']);
  engine.open({ uri: 'file:///editor.yaml', text, languageId: 'yaml' });
  assert.deepEqual(engine.lint('file:///editor.yaml'), []);
});

test('other YAML is never claimed', () => {
  for (const text of ['name: ci\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n', 'version: "3"\nservices:\n  web:\n    image: nginx\n']) {
    engine.open({ uri: 'file:///other/.github/workflow.yml', text, languageId: 'yaml' });
    assert.equal(engine.formatOf('file:///other/.github/workflow.yml'), undefined);
  }
});

test('an HPA finds its target workload in another file through the workspace index', () => {
  engine.open({ uri: 'file:///ws/deploy.yaml', languageId: 'yaml', text: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx\n' });
  engine.open({ uri: 'file:///ws/hpa.yaml', languageId: 'yaml', text: 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    kind: Deployment\n    name: web\n  maxReplicas: 4\n  metrics:\n  - type: Resource\n    resource:\n      name: memory\n      target:\n        type: Utilization\n        averageUtilization: 80\n' });
  const [finding] = engine.lint('file:///ws/hpa.yaml');
  assert.equal(finding.code, 'hpa/missing-requests');
  assert.equal(finding.related?.[0].uri, 'file:///ws/deploy.yaml');
  assert.equal(finding.related?.[0].range.start.line, 8);
});

test('Go templates, anchors and aliases in values never crash and never expand', () => {
  const text = [
    'gateway: &gw',
    '  replicaCount: {{ .Values.replicas }}',
    '  resources:',
    '    limits:',
    '      memory: "{{ .Values.memory }}"',
    '    requests: *gw',
    'copy: *gw',
    '{{- if .Values.extra }}',
    'extra: {{ toYaml .Values.extra | nindent 2 }}',
    '{{- end }}',
    '',
  ].join('\n');
  engine.open({ uri: 'file:///t/values.yaml', text, languageId: 'yaml' });
  const findings = engine.lint('file:///t/values.yaml');
  assert.ok(findings.every((f) => f.code !== 'headroom/internal-error'), JSON.stringify(findings));
  engine.symbols('file:///t/values.yaml');
  engine.hover('file:///t/values.yaml', { line: 2, character: 4 });
});
