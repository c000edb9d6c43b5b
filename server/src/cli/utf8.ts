import { isUtf8 } from 'node:buffer';

/**
 * A file's bytes as text, and where they are not UTF-8. Invalid bytes are read as U+FFFD, the way a
 * WHATWG decoder does (one U+FFFD per maximal ill-formed subsequence), and `invalid` holds the text
 * offset of each of those U+FFFD, so they can be reported instead of silently accepted. A leading
 * byte order mark is kept in the text, as the parsers expect it.
 */
export function decodeUtf8(bytes: Buffer): { text: string; invalid: number[] } {
  if (isUtf8(bytes)) return { text: bytes.toString('utf8'), invalid: [] };
  const parts: string[] = [];
  const invalid: number[] = [];
  let length = 0;
  let i = 0;
  while (i < bytes.length) {
    const { codePoint, size } = decodeAt(bytes, i);
    const text = codePoint === undefined ? '\uFFFD' : String.fromCodePoint(codePoint);
    if (codePoint === undefined) invalid.push(length);
    parts.push(text);
    length += text.length;
    i += size;
  }
  return { text: parts.join(''), invalid };
}

/**
 * The code point starting at `at`, or undefined for an ill-formed sequence, with the bytes it takes:
 * the well-formed sequences of the Unicode standard (table 3-7: no overlong forms, no surrogates,
 * nothing above U+10FFFF), which is also what Go's utf8.DecodeRune accepts.
 */
function decodeAt(bytes: Buffer, at: number): { codePoint?: number; size: number } {
  const lead = bytes[at];
  if (lead < 0x80) return { codePoint: lead, size: 1 };
  let needed: number;
  let codePoint: number;
  let lower = 0x80;
  let upper = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) {
    needed = 1;
    codePoint = lead & 0x1f;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    needed = 2;
    codePoint = lead & 0x0f;
    if (lead === 0xe0) lower = 0xa0;
    if (lead === 0xed) upper = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    needed = 3;
    codePoint = lead & 0x07;
    if (lead === 0xf0) lower = 0x90;
    if (lead === 0xf4) upper = 0x8f;
  } else {
    return { size: 1 };
  }
  for (let k = 1; k <= needed; k++) {
    const byte = bytes[at + k];
    // A truncated sequence is replaced as a whole, up to (not including) the byte that breaks it.
    if (byte === undefined || byte < lower || byte > upper) return { size: k };
    codePoint = (codePoint << 6) | (byte & 0x3f);
    lower = 0x80;
    upper = 0xbf;
  }
  return { codePoint, size: needed + 1 };
}
