import fc from 'fast-check';

// Grammar-aware generation of valid Alloy: every text this produces must parse with no syntax finding.

const identifier = fc.constantFrom('a', 'b_1', 'targets', 'métrica', 'forward_to', 'x', 'endpoint', '_private');
const label = fc.constantFrom('default', 'main', 'b_2', 'prod');
const dotted = fc.array(identifier, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('.'));

const stringLiteral = fc.array(fc.constantFrom('a', ' ', 'é', '😀', '\\n', '\\t', '\\"', '\\\\', '\\x41', '\\u00e9', '\\101', '/', '#', "'"), { maxLength: 8 })
  .map((parts) => `"${parts.join('')}"`);
const rawString = fc.array(fc.constantFrom('a', '\n', '"', '\\', ' '), { maxLength: 8 }).map((parts) => `\`${parts.join('')}\``);
const number = fc.constantFrom('0', '42', '1.5', '.5', '1.', '1e3', '2.5E-3');
const literal = fc.oneof(stringLiteral, rawString, number, fc.constantFrom('true', 'false', 'null'));

export const expression: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    literal,
    dotted,
    fc.tuple(tie('expr'), fc.constantFrom('||', '&&', '==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%', '^'), tie('expr')).map(([l, op, r]) => `${l} ${op} ${r}`),
    fc.tuple(fc.constantFrom('!', '-'), tie('expr')).map(([op, e]) => `${op}${e}`),
    tie('expr').map((e) => `(${e})`),
    fc.tuple(dotted, fc.array(tie('expr'), { maxLength: 3 })).map(([f, args]) => `${f}(${args.join(', ')})`),
    fc.tuple(dotted, tie('expr')).map(([o, i]) => `${o}[${i}]`),
    fc.array(tie('expr'), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
    // Multi-line lists need a trailing comma after every element.
    fc.array(tie('expr'), { minLength: 1, maxLength: 3 }).map((items) => `[\n${items.map((i) => `  ${i},\n`).join('')}]`),
    fc.array(fc.tuple(fc.oneof(identifier, stringLiteral), tie('expr')), { maxLength: 3 }).map((fields) => `{ ${fields.map(([k, v]) => `${k} = ${v}`).join(', ')}${fields.length ? ',' : ''} }`),
    fc.array(fc.tuple(identifier, tie('expr')), { minLength: 1, maxLength: 3 }).map((fields) => `{\n${fields.map(([k, v]) => `  ${k} = ${v},\n`).join('')}}`),
  ),
})).expr;

const comment = fc.constantFrom('', ' // trailing', ' /* inline */');

export const alloyFile: fc.Arbitrary<string> = fc.letrec<{ body: string[]; statement: string }>((tie) => ({
  statement: fc.oneof(
    { depthSize: 'small' },
    fc.tuple(identifier, expression, comment).map(([n, v, c]) => `${n} = ${v}${c}`),
    fc.tuple(dotted, fc.option(label), tie('body')).map(([n, l, body]) =>
      `${n}${l ? ` "${l}"` : ''} {${body.length ? `\n${body.map((s) => s.split('\n').map((line) => `\t${line}`).join('\n')).join('\n')}\n` : ' '}}`),
  ),
  body: fc.array(tie('statement'), { maxLength: 3 }),
})).body.map((statements) => `${statements.join('\n\n')}\n`);
