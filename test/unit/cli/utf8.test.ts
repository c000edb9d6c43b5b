import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeUtf8 } from '../../../server/src/cli/utf8';

// The CLI reads bytes; what is not UTF-8 must be found (Alloy's scanner rejects it: "illegal UTF-8
// encoding", grafana/alloy syntax/scanner/scanner.go `next`), not silently turned into U+FFFD.

test('valid UTF-8 decodes as is, a leading byte order mark included', () => {
  assert.deepEqual(decodeUtf8(Buffer.from('\uFEFFa = "é😀"\n', 'utf8')), { text: '\uFEFFa = "é😀"\n', invalid: [] });
});

test('each ill-formed sequence becomes one U+FFFD, and its offset in the text is reported', () => {
  const bytes = Buffer.concat([
    Buffer.from('😀a', 'utf8'), // two UTF-16 units, then one
    Buffer.from([0xff]), // never valid
    Buffer.from('b', 'utf8'),
    Buffer.from([0xe2, 0x82]), // truncated three-byte sequence: one U+FFFD
    Buffer.from('c', 'utf8'),
    Buffer.from([0xc0, 0xaf]), // overlong '/': two ill-formed bytes
    Buffer.from([0xed, 0xa0, 0x80]), // a surrogate: three ill-formed bytes
    Buffer.from([0xf4, 0x90, 0x80, 0x80]), // above U+10FFFF
  ]);
  const { text, invalid } = decodeUtf8(bytes);
  assert.equal(text, bytes.toString('utf8'), 'the same text a WHATWG decoder gives');
  assert.deepEqual(invalid, [3, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
  for (const at of invalid) assert.equal(text[at], '\uFFFD');
});
