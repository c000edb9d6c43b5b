/**
 * Tree-sitter grammar for the Grafana Alloy configuration language (formerly River), written for
 * Headroom from the language rules of grafana/alloy's `syntax/scanner` and `syntax/parser` (at
 * 66ebea856d), so that it accepts what Alloy accepts and nothing else:
 *  - statements (attributes and blocks) are separated by newlines, Go-style: Alloy's scanner turns a
 *    newline after an identifier, a literal, `)`, `]` or `}` into a terminator whatever comes next,
 *    and the external scanner (src/scanner.c) does the same: it emits `_terminator` there, also where
 *    the parser cannot take one (`a\n= 1`, `(1\n+ 2)`), which is then a syntax error as in Alloy;
 *    after `=`, `.`, `(`, `[`, `{`, `,` and operators a newline is white space;
 *  - a `/* *\/` comment holding a newline stands for that newline; `//` comments run to the line end;
 *  - identifiers are made of Unicode letters and digits as Go's unicode package (15.0.0) has them
 *    (src/unicode.h, made by unicode.js), and `true`, `false` and `null` are always literals: the
 *    external scanner reads every word, so none of them is ever taken for a name;
 *  - in multi-line arrays, objects and call arguments every element followed by a newline needs a
 *    trailing comma; a newline where that comma belongs is parsed as a `missing_comma` node, a string
 *    left open at the end of its line ends with a `missing_quote` node, and a top-level `}` that
 *    closes nothing is an `unmatched_brace` node, so the language server reports each precisely
 *    (server/src/core/alloy/syntax.ts) and goes on parsing as Alloy does, instead of error recovery
 *    taking the surroundings apart;
 *  - `#`, `'`, `;`, a form feed and other characters that start no token surface as ERROR nodes; a
 *    byte order mark is skipped like white space and reported by syntax.ts unless it comes first.
 */

const PREC = {
  or: 1,
  and: 2,
  compare: 3,
  add: 4,
  multiply: 5,
  power: 6,
  unary: 7,
  postfix: 8,
};

module.exports = grammar({
  name: 'alloy',

  externals: $ => [
    $._terminator, $.missing_comma, $._error_sentinel,
    $.identifier, $.true, $.false, $.null, $.comment, $._string_content, $.missing_quote,
  ],

  extras: $ => [/[ \t\r\n\uFEFF]/, $.comment],

  rules: {
    source_file: $ => optional(statementList($, choice($._statement, $.unmatched_brace))),

    _statements: $ => statementList($, $._statement),

    // A '}' where a top-level statement belongs closes nothing (Alloy: "expected identifier, got }").
    // Parsed as a node of its own, the error stays at that brace instead of error recovery taking an
    // earlier block apart; syntax.ts reports it.
    unmatched_brace: _ => '}',

    _statement: $ => choice($.attribute, $.block),

    attribute: $ => seq(
      field('name', $.identifier),
      '=',
      field('value', $._expression),
    ),

    block: $ => seq(
      field('name', $.block_name),
      optional(field('label', $.string)),
      '{',
      optional(field('body', alias($._statements, $.body))),
      '}',
    ),

    block_name: $ => seq($.identifier, repeat(seq('.', $.identifier))),

    _expression: $ => choice(
      $.binary_expression,
      $.unary_expression,
      $._postfix_or_primary,
    ),

    _postfix_or_primary: $ => choice(
      $.access_expression,
      $.index_expression,
      $.call_expression,
      $._primary,
    ),

    _primary: $ => choice(
      $.identifier,
      $.string,
      $.raw_string,
      $.number,
      $.true,
      $.false,
      $.null,
      $.parenthesized_expression,
      $.array,
      $.object,
    ),

    binary_expression: $ => {
      const table = [
        [PREC.or, '||', prec.left],
        [PREC.and, '&&', prec.left],
        [PREC.compare, choice('==', '!=', '<', '<=', '>', '>='), prec.left],
        [PREC.add, choice('+', '-'), prec.left],
        [PREC.multiply, choice('*', '/', '%'), prec.left],
        [PREC.power, '^', prec.right],
      ];
      return choice(...table.map(([precedence, operator, assoc]) => assoc(precedence, seq(
        field('left', $._expression),
        field('operator', operator),
        field('right', $._expression),
      ))));
    },

    unary_expression: $ => prec(PREC.unary, seq(
      field('operator', choice('!', '-')),
      field('operand', $._expression),
    )),

    access_expression: $ => prec(PREC.postfix, seq(
      field('object', $._postfix_or_primary),
      '.',
      field('member', $.identifier),
    )),

    index_expression: $ => prec(PREC.postfix, seq(
      field('object', $._postfix_or_primary),
      '[',
      field('index', $._expression),
      ']',
    )),

    call_expression: $ => prec(PREC.postfix, seq(
      field('function', $._postfix_or_primary),
      field('arguments', $.arguments),
    )),

    arguments: $ => seq('(', optional(commaList($, $._expression)), ')'),

    parenthesized_expression: $ => seq('(', $._expression, ')'),

    array: $ => seq('[', optional(commaList($, $._expression)), ']'),

    object: $ => seq('{', optional(commaList($, $.object_field)), '}'),

    object_field: $ => seq(
      field('key', choice($.identifier, $.string, $.raw_string)),
      '=',
      field('value', $._expression),
    ),

    // A string left open at the end of its line ends there with a `missing_quote`, as Alloy's scanner
    // ends it ("string literal not terminated") and goes on with the next line.
    string: $ => seq(
      '"',
      repeat(choice($._string_content, $.escape_sequence)),
      choice(token.immediate('"'), $.missing_quote),
    ),

    // A backslash right before the end of the line is an (invalid) escape of its own.
    escape_sequence: _ => token.immediate(/\\(.|[0-7]{3}|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})?/),

    raw_string: _ => /`[^`]*`/,

    number: _ => token(choice(
      /[0-9]+/,
      /[0-9]+\.[0-9]*([eE][+-]?[0-9]+)?/,
      /\.[0-9]+([eE][+-]?[0-9]+)?/,
      /[0-9]+[eE][+-]?[0-9]+/,
    )),

    comment: _ => token(choice(
      seq('//', /[^\n]*/),
      seq('/*', /[^*]*\*+([^/*][^*]*\*+)*/, '/'),
    )),
  },
});

/** Statements separated by terminators: `statement { terminator statement } [ terminator ]`. */
function statementList($, statement) {
  return seq(statement, repeat(seq($._terminator, statement)), optional($._terminator));
}

/**
 * `item { "," item } [ "," ]`, where the last item may instead be followed by a newline with no
 * comma, which Alloy rejects ("missing ',' in expression list"): that newline becomes `missing_comma`.
 */
function commaList($, item) {
  return seq(
    item,
    repeat(seq(',', item)),
    optional(choice(',', $.missing_comma)),
  );
}
