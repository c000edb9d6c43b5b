// External scanner for Alloy: identifiers and keywords, comments, and Go-style automatic terminators,
// following grafana/alloy syntax/scanner/scanner.go (at 66ebea856d) rule for rule (see grammar.js).
#include "tree_sitter/parser.h"
#include "unicode.h"

enum TokenType { TERMINATOR, MISSING_COMMA, ERROR_SENTINEL, IDENTIFIER, TRUE_LITERAL, FALSE_LITERAL, NULL_LITERAL, COMMENT, STRING_CONTENT,
                 MISSING_QUOTE };

void *tree_sitter_alloy_external_scanner_create(void) { return NULL; }
void tree_sitter_alloy_external_scanner_destroy(void *payload) { (void)payload; }
unsigned tree_sitter_alloy_external_scanner_serialize(void *payload, char *buffer) {
  (void)payload; (void)buffer;
  return 0;
}
void tree_sitter_alloy_external_scanner_deserialize(void *payload, const char *buffer, unsigned length) {
  (void)payload; (void)buffer; (void)length;
}

static void skip(TSLexer *lexer) { lexer->advance(lexer, true); }
static void advance(TSLexer *lexer) { lexer->advance(lexer, false); }

static bool in_ranges(const UnicodeRange *ranges, int count, int32_t c) {
  int low = 0, high = count - 1;
  while (low <= high) {
    int middle = (low + high) / 2;
    if (c < ranges[middle].first) high = middle - 1;
    else if (c > ranges[middle].last) low = middle + 1;
    else return true;
  }
  return false;
}

#define COUNT(table) ((int)(sizeof(table) / sizeof((table)[0])))

// scanner.go isLetter: '_', ASCII letters, and any rune Go's unicode.IsLetter accepts.
static bool is_letter(int32_t c) {
  if (c < 0x80) return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return in_ranges(UNICODE_LETTERS, COUNT(UNICODE_LETTERS), c);
}

// scanner.go isDigit: ASCII digits and any rune Go's unicode.IsDigit accepts.
static bool is_digit(int32_t c) {
  if (c < 0x80) return c >= '0' && c <= '9';
  return in_ranges(UNICODE_DIGITS, COUNT(UNICODE_DIGITS), c);
}

// IDENT = letter { letter | digit }; token.Lookup makes `true`/`false` BOOL and `null` NULL wherever
// they appear, so they are never names, keys, members or labels.
static bool scan_word(TSLexer *lexer) {
  char word[6];
  unsigned length = 0;
  while (is_letter(lexer->lookahead) || is_digit(lexer->lookahead)) {
    if (length < sizeof(word)) word[length] = (char)(lexer->lookahead < 0x80 ? lexer->lookahead : 0);
    length++;
    advance(lexer);
  }
  lexer->mark_end(lexer);
  lexer->result_symbol = IDENTIFIER;
  if (length == 4 && word[0] == 't' && word[1] == 'r' && word[2] == 'u' && word[3] == 'e') lexer->result_symbol = TRUE_LITERAL;
  if (length == 5 && word[0] == 'f' && word[1] == 'a' && word[2] == 'l' && word[3] == 's' && word[4] == 'e') lexer->result_symbol = FALSE_LITERAL;
  if (length == 4 && word[0] == 'n' && word[1] == 'u' && word[2] == 'l' && word[3] == 'l') lexer->result_symbol = NULL_LITERAL;
  return true;
}

typedef enum { NOT_A_COMMENT, LINE_COMMENT, SINGLE_LINE_BLOCK, MULTI_LINE_BLOCK, UNTERMINATED } CommentKind;

// Reads past the comment starting at the current '/'. `//` runs to the end of the line (the newline is
// not part of it); `/* */` does not nest and may span lines.
static CommentKind scan_comment(TSLexer *lexer) {
  advance(lexer);
  if (lexer->lookahead == '/') {
    while (lexer->lookahead != '\n' && !lexer->eof(lexer)) advance(lexer);
    return LINE_COMMENT;
  }
  if (lexer->lookahead != '*') return NOT_A_COMMENT;
  advance(lexer);
  bool newline = false;
  for (;;) {
    if (lexer->eof(lexer)) return UNTERMINATED;
    int32_t c = lexer->lookahead;
    advance(lexer);
    if (c == '\n') newline = true;
    if (c == '*' && lexer->lookahead == '/') {
      advance(lexer);
      return newline ? MULTI_LINE_BLOCK : SINGLE_LINE_BLOCK;
    }
  }
}

bool tree_sitter_alloy_external_scanner_scan(void *payload, TSLexer *lexer, const bool *valid_symbols) {
  (void)payload;
  // Tree-sitter marks every symbol valid while recovering from an error. Then a newline always ends a
  // statement, which lets recovery resynchronise at line boundaries, but never a missing comma.
  bool recovering = valid_symbols[ERROR_SENTINEL];

  // Inside a double-quoted string: everything up to the closing quote, an escape or the end of the
  // line is text (scanner.go scanString), not a word, comment or terminator.
  if (valid_symbols[STRING_CONTENT] && !recovering) {
    bool any = false;
    while (lexer->lookahead != '"' && lexer->lookahead != '\\' && lexer->lookahead != '\n' && !lexer->eof(lexer)) {
      advance(lexer);
      any = true;
    }
    lexer->mark_end(lexer);
    lexer->result_symbol = STRING_CONTENT;
    if (any) return true;
    // The line (or the file) ends before the closing quote: Alloy reports "string literal not
    // terminated" and ends the string here, so the next line parses as usual.
    if ((lexer->lookahead == '\n' || lexer->eof(lexer)) && valid_symbols[MISSING_QUOTE]) {
      lexer->result_symbol = MISSING_QUOTE;
      return true;
    }
    return false;
  }

  // Alloy's scanner turns a newline into a TERMINATOR token when the token before it was an
  // identifier, a literal, ')', ']' or '}' (scanner.go Scan, insertTerm), whatever the parser expects
  // there; anywhere else a newline is white space. Those tokens end an operand, and the parse states
  // that follow an operand are exactly the ones in which no identifier may come next (after '=', '.',
  // '(', '[', '{', ',', an operator, a terminator or at the start one always may).
  bool after_operand = recovering || !valid_symbols[IDENTIFIER];

  // scanner.go skipWhitespace: ' ', '\t', '\r', and '\n' when no terminator is due. A byte order mark
  // is only allowed as the first character; anywhere else it is an error that syntax.ts reports,
  // and here it is skipped like white space. A form feed is not white space: it stays an error.
  for (;;) {
    int32_t c = lexer->lookahead;
    if (c == ' ' || c == '\t' || c == '\r' || c == 0xFEFF || (c == '\n' && !after_operand)) skip(lexer);
    else break;
  }

  int32_t c = lexer->lookahead;
  if (c == '\n') {
    advance(lexer);
    lexer->mark_end(lexer);
    // Inside a list, the newline stands where Alloy wants a trailing comma ("missing ',' in
    // expression list"): a token of its own, so the error is reported there and parsing goes on.
    lexer->result_symbol = valid_symbols[MISSING_COMMA] && !recovering ? MISSING_COMMA : TERMINATOR;
    return true;
  }
  if (lexer->eof(lexer)) {
    // A pending terminator is also emitted at the end of the file, where it may be as wrong as at a
    // newline (a name left alone at the end of the file wants its '=' or '{').
    if (!after_operand || (recovering && !valid_symbols[TERMINATOR])) return false;
    lexer->mark_end(lexer);
    lexer->result_symbol = TERMINATOR;
    return true;
  }
  if (is_letter(c)) return scan_word(lexer);
  if (c != '/') return false;

  // A comment. Alloy inserts the due terminator before it when the line ends with the comment
  // (scanner.go findLineEnd); a comment changes no parse state, so here a `//` or one-line `/* */`
  // comment is emitted first and the newline after it becomes the terminator, with the same result.
  // Only a `/* */` that itself holds a newline stands for that newline.
  lexer->mark_end(lexer);
  CommentKind kind = scan_comment(lexer);
  if (kind == NOT_A_COMMENT) return false;
  // An unterminated `/*` runs to the end of the file, as in Alloy ("block comment not terminated");
  // syntax.ts reports it.
  if (kind == MULTI_LINE_BLOCK && after_operand && !recovering) {
    if (valid_symbols[MISSING_COMMA]) {
      // Already an error (a missing comma): the comment becomes the missing_comma token.
      lexer->mark_end(lexer);
      lexer->result_symbol = MISSING_COMMA;
      return true;
    }
    // A zero-width terminator before the comment; the comment is scanned again after it. Where no
    // terminator may stand (before the ')' of a parenthesised expression, say) this is Alloy's error.
    lexer->result_symbol = TERMINATOR;
    return true;
  }
  lexer->mark_end(lexer);
  lexer->result_symbol = COMMENT;
  return true;
}
