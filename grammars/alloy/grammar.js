/**
 * Tree-sitter grammar for the Grafana Alloy configuration language (formerly River), written for
 * Headroom from the language rules of grafana/alloy's `syntax/scanner` and `syntax/parser`:
 *  - statements (attributes and blocks) are separated by newlines, Go-style: a newline ends a
 *    statement only where one can end (the external scanner emits `_terminator` when the parser
 *    asks for it), so expressions continue after `=`, `(`, `[`, `{`, `,` and binary operators;
 *  - in multi-line arrays, objects and call arguments every element followed by a newline needs a
 *    trailing comma; a newline where that comma belongs is parsed as a `missing_comma` node so the
 *    language server can report it precisely instead of a cascade of errors;
 *  - `#` and `'` are not part of the language (they surface as ERROR nodes).
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

  externals: $ => [$._terminator, $.missing_comma, $._error_sentinel],

  extras: $ => [/[ \t\r\n\f\uFEFF]/, $.comment],

  word: $ => $.identifier,

  rules: {
    source_file: $ => optional($._statements),

    _statements: $ => seq(
      $._statement,
      repeat(seq($._terminator, $._statement)),
      optional($._terminator),
    ),

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
      field('key', choice($.identifier, $.string)),
      '=',
      field('value', $._expression),
    ),

    identifier: _ => /[\p{L}_][\p{L}\p{Nd}_]*/u,

    string: $ => seq(
      '"',
      repeat(choice($._string_content, $.escape_sequence)),
      token.immediate('"'),
    ),

    _string_content: _ => token.immediate(prec(1, /[^"\\\n]+/)),

    escape_sequence: _ => token.immediate(/\\(.|[0-7]{3}|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})/),

    raw_string: _ => /`[^`]*`/,

    number: _ => token(choice(
      /\d+/,
      /\d+\.\d*([eE][+-]?\d+)?/,
      /\.\d+([eE][+-]?\d+)?/,
      /\d+[eE][+-]?\d+/,
    )),

    true: _ => 'true',
    false: _ => 'false',
    null: _ => 'null',

    comment: _ => token(choice(
      seq('//', /[^\n]*/),
      seq('/*', /[^*]*\*+([^/*][^*]*\*+)*/, '/'),
    )),
  },
});

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
