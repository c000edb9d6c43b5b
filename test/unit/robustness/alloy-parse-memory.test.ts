import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { newEngine } from '../../helpers/alloy';
import { LineIndex } from '../../../server/src/core/text';

// What an Alloy document being edited keeps of its earlier versions: nothing of their text. Strings in
// the AST are copies (cst-to-ast.ts copyOf), not views into the document's text, so a statement that
// edits reuse for many versions does not keep the text of the version it was converted in.

/** About 60 KB of declares and components with names and labels longer than V8's shortest substring view (13). */
function configText(): string {
  const parts: string[] = [];
  for (let i = 0; i < 60; i++) {
    parts.push(`declare "pipeline_number_${i}" {
  argument "metrics_destinations_${i}" { }

  otelcol.processor.memory_limiter "memory_limiter_${i}" {
    check_interval = "1s"
    limit          = "512MiB"
    output {
      metrics = [otelcol.processor.batch.batch_processor_${i}.input]
    }
  }

  otelcol.processor.batch "batch_processor_${i}" {
    send_batch_size = 8192
    output {
      metrics = argument.metrics_destinations_${i}.value
    }
  }

  export "receiver_input_${i}" {
    value = otelcol.processor.memory_limiter.memory_limiter_${i}.input
  }
}
`);
  }
  return parts.join('\n');
}

/**
 * Flat strings on the heap of `length` or `length` + 1 characters (the document's text before and after a
 * typed space), from a heap snapshot, which collects garbage first. A one-byte string's size is its
 * length and a header of 16 bytes, rounded up to 8.
 */
async function textsOfLength(length: number): Promise<number> {
  const chunks: string[] = [];
  for await (const chunk of v8.getHeapSnapshot()) chunks.push(String(chunk));
  const snapshot = JSON.parse(chunks.join('')) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[] };
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const typeAt = fields.indexOf('type');
  const sizeAt = fields.indexOf('self_size');
  let count = 0;
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const size = snapshot.nodes[i + sizeAt];
    if (types[snapshot.nodes[i + typeAt]] === 'string' && size >= length + 16 && size <= length + 1 + 16 + 7) count++;
  }
  return count;
}

test('an Alloy document typed in 300 times keeps no earlier version of its text', async () => {
  const text = configText();
  const engine = await newEngine();
  const uri = 'file:///memory/typed.alloy';
  engine.open({ uri, text, version: 1 });
  engine.lint(uri);
  // Type and delete a space at one place, as the bench does: the statements around it are converted
  // again in every version, every other statement is reused.
  const at = text.indexOf('\n', Math.floor(text.length / 2));
  let current = text;
  for (let version = 2; version <= 301; version++) {
    const insert = current.length === text.length;
    const lines = new LineIndex(current);
    const range = insert ? lines.range(at, at) : lines.range(at, at + 1);
    current = insert ? `${current.slice(0, at)} ${current.slice(at)}` : current.slice(0, at) + current.slice(at + 1);
    engine.update({ uri, text: current, version }, [{ range, text: insert ? ' ' : '' }]);
    engine.lint(uri);
  }
  // Alive: the first text (this test holds it) and the newest (the document's); `current` may be another
  // string object with the same characters. With AST strings cut from the text, about 50 versions were.
  const texts = await textsOfLength(text.length);
  engine.close(uri);
  assert.ok(texts <= 4, `${texts} strings as long as the document are alive`);
});

test('a parse result dropped without dispose() has its tree deleted once it is collected, a held one keeps it', () => {
  // In a process of its own, for --expose-gc: 300 results dropped, a full collection, then the
  // FinalizationRegistry's callbacks (a later task).
  const out = path.join(__dirname, '..', '..', '..');
  const child = spawnSync(process.execPath, ['--expose-gc', '-e', `
    const { initAlloyParser, parseAlloy } = require(${JSON.stringify(path.join(out, 'server', 'src', 'core', 'alloy', 'parser.js'))});
    (async () => {
      await initAlloyParser();
      let deleted = 0;
      const first = parseAlloy({ uri: 'file:///a.alloy', text: 'a = 1\\n', version: 1 });
      const prototype = Object.getPrototypeOf(first.tree);
      const remove = prototype.delete;
      prototype.delete = function () { deleted++; return remove.call(this); };
      first.dispose();
      deleted = 0;
      const kept = parseAlloy({ uri: 'file:///b.alloy', text: 'kept = true\\n', version: 1 });
      for (let i = 0; i < 300; i++) parseAlloy({ uri: 'file:///a.alloy', text: 'x = ' + i + '\\n', version: 1 });
      await new Promise((resolve) => setTimeout(resolve, 10));
      global.gc();
      await new Promise((resolve) => setTimeout(resolve, 50));
      process.stdout.write(JSON.stringify({ deleted, kept: kept.tree.rootNode.text }));
      kept.dispose();
    })();`], { encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr);
  const { deleted, kept } = JSON.parse(child.stdout) as { deleted: number; kept: string };
  assert.ok(deleted >= 290 && deleted <= 300, `${deleted} of the 300 dropped trees deleted`);
  assert.equal(kept, 'kept = true\n', 'the tree of a result still held is intact');
});
