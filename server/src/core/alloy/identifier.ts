import { NON_ASCII_DIGITS, NON_ASCII_LETTERS } from './unicode-tables';

// Alloy identifiers, as grafana/alloy syntax/scanner/scanner.go (at 66ebea856d) scans them:
// IDENT = letter { letter | digit }, a letter being '_', an ASCII letter or a Unicode letter (Go's
// unicode.IsLetter), a digit 0-9 or a Unicode decimal digit (unicode.IsDigit). token.Lookup makes
// `true`, `false` and `null` literals, never identifiers.

const IDENTIFIER = new RegExp(`^[A-Za-z_${NON_ASCII_LETTERS}][A-Za-z_0-9${NON_ASCII_LETTERS}${NON_ASCII_DIGITS}]*$`, 'u');

/** The ASCII identifiers, nearly all there are: tested first, so the Unicode pattern (large, slow to compile) is rarely needed. */
const ASCII_IDENTIFIER = /^[A-Za-z_][A-Za-z_0-9]*$/;

export const KEYWORDS: ReadonlySet<string> = new Set(['true', 'false', 'null']);

/** syntax/scanner/identifier.go IsValidIdentifier: the whole text scans as one IDENT token. */
export function isValidIdentifier(text: string): boolean {
  return (ASCII_IDENTIFIER.test(text) || IDENTIFIER.test(text)) && !KEYWORDS.has(text);
}
