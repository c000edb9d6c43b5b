// Go's `%q` / strconv.Quote (Go 1.19 src/strconv/quote.go, appendQuotedWith and appendEscapedRune),
// which `alloy fmt` uses to print block labels and quoted object keys: printable characters as they
// are (unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space), `"` and
// `\` escaped, the usual control characters as \a \b \f \n \r \t \v, other characters below U+0020 and
// U+007F as \xNN, other unprintable ones as \uNNNN or \UNNNNNNNN.

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

const SHORT_ESCAPES: Record<string, string> = {
  '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v',
};

const PLAIN = /^[\p{L}\p{N}_ .-]*$/u;

export function goQuote(text: string): string {
  if (PLAIN.test(text)) return `"${text}"`;
  let out = '"';
  for (const ch of text) {
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (PRINTABLE.test(ch)) out += ch;
    else if (SHORT_ESCAPES[ch]) out += SHORT_ESCAPES[ch];
    else {
      const code = ch.codePointAt(0)!;
      if (code < 0x20 || code === 0x7f) out += `\\x${hex(code, 2)}`;
      else if (code >= 0xd800 && code <= 0xdfff) out += '\\ufffd'; // a lone surrogate is not valid Unicode
      else if (code < 0x10000) out += `\\u${hex(code, 4)}`;
      else out += `\\U${hex(code, 8)}`;
    }
  }
  return `${out}"`;
}

function hex(code: number, digits: number): string {
  return code.toString(16).padStart(digits, '0');
}
