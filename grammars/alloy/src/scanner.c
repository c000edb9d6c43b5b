// External scanner for Alloy's Go-style automatic terminators (see grammar.js).
#include "tree_sitter/parser.h"

enum TokenType { TERMINATOR, MISSING_COMMA, ERROR_SENTINEL };

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

bool tree_sitter_alloy_external_scanner_scan(void *payload, TSLexer *lexer, const bool *valid_symbols) {
  (void)payload;
  // Tree-sitter marks every symbol valid while recovering from an error. Then a newline still ends a
  // statement, which lets recovery resynchronise at line boundaries, but never a missing comma.
  bool recovering = valid_symbols[ERROR_SENTINEL];
  bool want_terminator = valid_symbols[TERMINATOR];
  bool want_missing_comma = valid_symbols[MISSING_COMMA] && !recovering;
  if (!want_terminator && !want_missing_comma) return false;

  while (lexer->lookahead == ' ' || lexer->lookahead == '\t' || lexer->lookahead == '\r' ||
         lexer->lookahead == '\f') {
    skip(lexer);
  }

  if (lexer->lookahead == '\n') {
    lexer->advance(lexer, false);
    lexer->mark_end(lexer);
    if (want_missing_comma) {
      lexer->result_symbol = MISSING_COMMA;
      return true;
    }
    lexer->result_symbol = TERMINATOR;
    return true;
  }

  if (lexer->eof(lexer) && want_terminator) {
    lexer->mark_end(lexer);
    lexer->result_symbol = TERMINATOR;
    return true;
  }
  return false;
}
