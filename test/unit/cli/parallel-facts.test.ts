import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCli } from '../../../server/src/cli/cli';
import { checkInParallel, type CheckDocument } from '../../../server/src/cli/parallel';
import { createEngine, loadSettings } from '../../../server/src/cli/workspace';
import { actualFindings, expectedFindings } from '../../helpers/alloy';

// A file's facts can read other files' facts (an Alloy declare exporting what a sibling file's declare
// exports). The parallel check settles them across threads as a single engine settles them, so a chain
// of files that crosses threads gets the serial run's facts, and so its findings.

/**
 * A chain of `length` files in one folder: link 0 declares `k0`, exporting an otelcol.Consumer; link i
 * declares `ki`, exporting what `k(i-1)` exports; the last link hands its export to a scrape's forward_to,
 * which takes a list of metrics receivers. The file names run against the chain (the last link is
 * a.alloy), and each link is larger than the next, so the largest-first order is the chain's order:
 * dealt out, neighbouring links are on different threads.
 */
function chain(length: number): { dir: string; docs: CheckDocument[]; last: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-parallel-facts-'));
  const fileOf = (link: number) => `${String.fromCharCode(97 + length - 1 - link)}.alloy`;
  const padding = (link: number) => '// padding\n'.repeat(20 * (length - link));
  for (let link = 0; link < length; link++) {
    const body = link === 0
      ? '  otelcol.processor.batch "x" {\n    output { }\n  }\n\n  export "out" {\n    value = otelcol.processor.batch.x.input\n  }\n'
      : `  k${link - 1} "x" { }\n\n  export "out" {\n    value = k${link - 1}.x.out\n  }\n`;
    const use = link === length - 1
      ? `\nk${link} "i" { }\n\nprometheus.scrape "p" {\n  targets    = []\n  forward_to = k${link}.i.out // expect: alloy/wrong-type\n}\n`
      : '';
    fs.writeFileSync(path.join(dir, fileOf(link)), `declare "k${link}" {\n${body}}\n${use}${padding(link)}`);
  }
  const docs = fs.readdirSync(dir).sort().map((file) => ({ uri: pathToFileURL(path.join(dir, file)).href, text: fs.readFileSync(path.join(dir, file), 'utf8') }));
  const bySize = [...docs].sort((a, b) => b.text.length - a.text.length).map((doc) => path.basename(doc.uri));
  assert.deepEqual(bySize, Array.from({ length }, (_, link) => fileOf(link)), 'the largest-first order is the chain\'s');
  return { dir, docs, last: docs[0].uri };
}

/** What one engine holding every document finds in each, in `docs` order, and what it logs. */
async function serialFindings(dir: string, docs: CheckDocument[]) {
  let log = '';
  const engine = await createEngine(loadSettings(dir, undefined), (message) => { log += `${message}\n`; });
  try {
    for (const doc of docs) engine.open(doc);
    return { findings: docs.map((doc) => engine.lint(doc.uri)), log };
  } finally {
    engine.dispose();
  }
}

test('a chain of 8 files reading each other\'s facts, one link per thread in turn: the findings of one engine', async () => {
  const { dir, docs, last } = chain(8);
  const serial = await serialFindings(dir, docs);
  const lastText = docs.find((doc) => doc.uri === last)!.text;
  // The chain's type reaches the last link: otelcol.Consumer is not a list of metrics receivers.
  assert.deepEqual(actualFindings(serial.findings[0]), expectedFindings(lastText));
  assert.equal(serial.findings.flat().length, 1);
  for (const jobs of [2, 3, 4]) {
    // Dealt: each link on another thread than the link it reads, so 7 crossings to settle.
    const parallel = await checkInParallel({ docs, cwd: dir, jobs, dealt: true });
    assert.ok(parallel, `${jobs} threads`);
    assert.deepEqual(docs.map((doc) => parallel.lint(doc.uri)), serial.findings, `${jobs} threads`);
    assert.equal(parallel.log, serial.log);
  }
  // The CLI, sharing the files out as the threads ask for them: the serial run's output.
  const one = await runCli(['check', '--jobs', '1', '--format', 'json', '.'], dir);
  const three = await runCli(['check', '--jobs', '3', '--format', 'json', '.'], dir);
  assert.equal(three.stdout, one.stdout);
  assert.equal(three.exitCode, one.exitCode);
  assert.ok(JSON.parse(one.stdout).findings.some((f: { code: string }) => f.code === 'alloy/wrong-type'), one.stdout);
});

test('facts still changing after 16 exchanges between threads are left as they are, with a log line, and every file is linted', async () => {
  // 20 links dealt on 2 threads: every link crosses threads, one crossing per exchange.
  const { dir, docs } = chain(20);
  const parallel = await checkInParallel({ docs, cwd: dir, jobs: 2, dealt: true });
  assert.ok(parallel);
  assert.match(parallel.log, /^The facts of file:\S+\.alloy still changed after 16 exchanges of facts between the check's threads: left as they are\.\n$/);
  assert.equal(docs.filter((doc) => parallel.formatOf(doc.uri) === 'alloy').length, 20);
});
