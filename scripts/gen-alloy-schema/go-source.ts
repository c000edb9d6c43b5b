// A small reader of Go source, enough to find Alloy's component registrations, the struct types of
// their Arguments/Exports with their `alloy:"..."` tags, the methods each type has, and the constant
// and default-value declarations the schema generator evaluates. It tokenizes Go (with automatic
// semicolons, per the Go specification's "Semicolons" section) and parses declarations and the
// expressions it needs; function bodies are kept as token ranges and parsed only on demand.

export type TokKind = 'ident' | 'int' | 'float' | 'imag' | 'char' | 'string' | 'op' | ';' | 'eof';

export interface Tok {
  kind: TokKind;
  text: string;
  /** Decoded value of string literals. */
  value?: string;
}

const OPERATORS = [
  '<<=', '>>=', '&^=', '...', '&&', '||', '<-', '++', '--', '==', '!=', '<=', '>=', ':=', '+=', '-=', '*=', '/=',
  '%=', '&=', '|=', '^=', '<<', '>>', '&^', '~', '+', '-', '*', '/', '%', '&', '|', '^', '<', '>', '=', '!', '(', ')',
  '[', ']', '{', '}', ',', ';', '.', ':',
];

const SEMICOLON_AFTER_KEYWORDS = new Set(['break', 'continue', 'fallthrough', 'return']);

function decodeGoString(raw: string): string {
  if (raw.startsWith('`')) return raw.slice(1, -1).replace(/\r/g, '');
  let out = '';
  for (let i = 1; i < raw.length - 1; i++) {
    const c = raw[i];
    if (c !== '\\') { out += c; continue; }
    const n = raw[++i];
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", a: '\x07', b: '\b', f: '\f', v: '\v' };
    if (n in simple) out += simple[n];
    else if (n === 'x') { out += String.fromCharCode(parseInt(raw.slice(i + 1, i + 3), 16)); i += 2; }
    else if (n === 'u') { out += String.fromCodePoint(parseInt(raw.slice(i + 1, i + 5), 16)); i += 4; }
    else if (n === 'U') { out += String.fromCodePoint(parseInt(raw.slice(i + 1, i + 9), 16)); i += 8; }
    else if (/[0-7]/.test(n)) { out += String.fromCharCode(parseInt(raw.slice(i, i + 3), 8)); i += 2; }
    else out += n;
  }
  return out;
}

export function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  const needsSemicolon = () => {
    const last = toks[toks.length - 1];
    if (!last) return false;
    if (last.kind === 'ident') return !isKeyword(last.text) || SEMICOLON_AFTER_KEYWORDS.has(last.text);
    if (['int', 'float', 'imag', 'char', 'string'].includes(last.kind)) return true;
    return last.kind === 'op' && ['++', '--', ')', ']', '}'].includes(last.text);
  };
  while (i < src.length) {
    const c = src[i];
    if (c === '\n') {
      if (needsSemicolon()) toks.push({ kind: ';', text: '\n' });
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    if (c === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      const comment = src.slice(i, end < 0 ? src.length : end + 2);
      i = end < 0 ? src.length : end + 2;
      if (comment.includes('\n') && needsSemicolon()) toks.push({ kind: ';', text: '\n' });
      continue;
    }
    if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      let j = i + 1;
      while (j < src.length && /[A-Za-z0-9_\u0080-\uffff]/.test(src[j])) j++;
      toks.push({ kind: 'ident', text: src.slice(i, j) });
      i = j;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^(0[xX][0-9a-fA-F_]*(\.[0-9a-fA-F_]*)?([pP][+-]?[0-9_]+)?|0[bB][01_]+|0[oO][0-7_]+|[0-9_]*\.?[0-9_]*([eE][+-]?[0-9_]+)?)i?/.exec(src.slice(i))!;
      const text = m[0];
      const kind: TokKind = text.endsWith('i') ? 'imag' : /^0[xX]/.test(text) ? (/[.pP]/.test(text) ? 'float' : 'int') : /[.eE]/.test(text) && !/^0[bBoO]/.test(text) ? 'float' : 'int';
      toks.push({ kind, text });
      i += text.length;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < src.length && src[j] !== '"' && src[j] !== '\n') j += src[j] === '\\' ? 2 : 1;
      const raw = src.slice(i, j + 1);
      toks.push({ kind: 'string', text: raw, value: decodeGoString(raw) });
      i = j + 1;
      continue;
    }
    if (c === '`') {
      const end = src.indexOf('`', i + 1);
      const raw = src.slice(i, end + 1);
      toks.push({ kind: 'string', text: raw, value: decodeGoString(raw) });
      i = end + 1;
      continue;
    }
    if (c === "'") {
      let j = i + 1;
      while (j < src.length && src[j] !== "'") j += src[j] === '\\' ? 2 : 1;
      toks.push({ kind: 'char', text: src.slice(i, j + 1) });
      i = j + 1;
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (!op) { i++; continue; }
    toks.push(op === ';' ? { kind: ';', text: ';' } : { kind: 'op', text: op });
    i += op.length;
  }
  if (needsSemicolon()) toks.push({ kind: ';', text: '\n' });
  toks.push({ kind: 'eof', text: '' });
  return toks;
}

const KEYWORDS = new Set([
  'break', 'case', 'chan', 'const', 'continue', 'default', 'defer', 'else', 'fallthrough', 'for', 'func', 'go', 'goto',
  'if', 'import', 'interface', 'map', 'package', 'range', 'return', 'select', 'struct', 'switch', 'type', 'var',
]);
function isKeyword(s: string): boolean {
  return KEYWORDS.has(s);
}

// ---------------------------------------------------------------------------------------------------
// Types

export type GoType =
  | { kind: 'name'; pkg?: string; name: string; args?: GoType[] }
  | { kind: 'pointer'; elem: GoType }
  | { kind: 'slice'; elem: GoType }
  | { kind: 'array'; elem: GoType }
  | { kind: 'map'; key: GoType; value: GoType }
  | { kind: 'chan'; elem: GoType }
  | { kind: 'func'; results: number; firstResultIsError: boolean; secondResultIsError: boolean }
  | { kind: 'struct'; fields: GoField[] }
  | { kind: 'interface'; methods: string[]; embeds: GoType[] };

export interface GoField {
  /** Field names; empty for an embedded field. */
  names: string[];
  type: GoType;
  tag?: string;
  /** The doc/line comment is not kept; `deprecated` is true when the field's comment says Deprecated. */
}

// ---------------------------------------------------------------------------------------------------
// Expressions (only what default values and registrations use)

export type GoExpr =
  | { kind: 'ident'; name: string }
  | { kind: 'selector'; x: GoExpr; sel: string }
  | { kind: 'basic'; tok: Tok }
  | { kind: 'composite'; type?: GoType; elts: { key?: GoExpr; value: GoExpr }[] }
  | { kind: 'call'; fun: GoExpr; args: GoExpr[] }
  | { kind: 'unary'; op: string; x: GoExpr }
  | { kind: 'binary'; op: string; x: GoExpr; y: GoExpr }
  | { kind: 'index'; x: GoExpr; index: GoExpr }
  | { kind: 'paren'; x: GoExpr }
  | { kind: 'funclit' }
  | { kind: 'typeexpr'; type: GoType }
  | { kind: 'bad' };

export interface GoValueSpec {
  name: string;
  type?: GoType;
  value?: GoExpr;
  /** Position of this spec inside its const group (for iota). */
  iota: number;
}

export interface GoFunc {
  name: string;
  /** Receiver type name without `*`, for methods. */
  receiver?: string;
  receiverName?: string;
  pointerReceiver?: boolean;
  body: Tok[];
}

export interface GoFile {
  path: string;
  pkgName: string;
  imports: { alias?: string; path: string }[];
  types: Map<string, { type: GoType; alias: boolean }>;
  values: GoValueSpec[];
  funcs: GoFunc[];
}

class Parser {
  private p = 0;
  constructor(private readonly toks: Tok[]) {}

  peek(offset = 0): Tok { return this.toks[Math.min(this.p + offset, this.toks.length - 1)]; }
  next(): Tok { return this.toks[Math.min(this.p++, this.toks.length - 1)]; }
  is(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    if (text === ';') return t.kind === ';';
    return (t.kind === 'op' || t.kind === 'ident') && t.text === text;
  }
  isSemi(): boolean { return this.peek().kind === ';'; }
  eat(text: string): boolean { if (this.is(text)) { this.p++; return true; } return false; }
  expect(text: string): void { if (!this.eat(text)) throw new Error(`expected ${text}, got ${this.peek().text}`); }
  atEnd(): boolean { return this.peek().kind === 'eof'; }

  /** Skips a balanced group starting at the current `(`, `[` or `{` and returns its inner tokens. */
  skipGroup(): Tok[] {
    this.next();
    const start = this.p;
    let depth = 1;
    while (!this.atEnd()) {
      const t = this.next();
      if (t.kind !== 'op') continue;
      if (t.text === '(' || t.text === '[' || t.text === '{') depth++;
      else if (t.text === ')' || t.text === ']' || t.text === '}') {
        depth--;
        if (depth === 0) return this.toks.slice(start, this.p - 1);
      }
    }
    return this.toks.slice(start);
  }

  skipToSemicolon(): void {
    while (!this.atEnd() && !this.isSemi()) {
      if (this.is('(') || this.is('[') || this.is('{')) this.skipGroup();
      else this.p++;
    }
  }

  parseFile(path: string): GoFile {
    const file: GoFile = { path, pkgName: '', imports: [], types: new Map(), values: [], funcs: [] };
    this.expect('package');
    file.pkgName = this.next().text;
    this.eat(';');
    while (!this.atEnd()) {
      if (this.eat(';')) continue;
      const t = this.next();
      try {
        if (t.text === 'import') this.parseGroup(() => this.parseImport(file));
        else if (t.text === 'type') this.parseGroup(() => this.parseTypeSpec(file));
        else if (t.text === 'var' || t.text === 'const') this.parseValueGroup(file, t.text === 'const');
        else if (t.text === 'func') this.parseFunc(file);
        else this.skipToSemicolon();
      } catch {
        // A construct this reader does not understand: skip to the next top-level declaration.
        while (!this.atEnd() && !(this.isSemi() && ['type', 'var', 'const', 'func', 'import'].includes(this.peek(1).text))) this.p++;
      }
    }
    return file;
  }

  private parseGroup(item: () => void): void {
    if (this.eat('(')) {
      while (!this.atEnd() && !this.eat(')')) {
        if (this.eat(';')) continue;
        item();
      }
    } else {
      item();
    }
    this.eat(';');
  }

  private parseImport(file: GoFile): void {
    let alias: string | undefined;
    if (this.peek().kind === 'ident' || this.is('.')) alias = this.next().text;
    const path = this.next().value ?? '';
    if (alias !== '_') file.imports.push({ alias, path });
    this.eat(';');
  }

  private parseTypeSpec(file: GoFile): void {
    const name = this.next().text;
    // Generic type parameters: `type X[T any] struct{...}`.
    if (this.is('[') && this.peek(1).kind === 'ident' && !this.is(']', 2) && (this.peek(2).kind === 'ident' || this.is('*', 2) || this.is('[', 2) || this.is(',', 2) || this.is('interface', 2))) {
      this.skipGroup();
    }
    const alias = this.eat('=');
    const type = this.parseType();
    file.types.set(name, { type, alias });
    this.eat(';');
  }

  private parseValueGroup(file: GoFile, isConst: boolean): void {
    if (this.eat('(')) {
      let iota = 0;
      let lastType: GoType | undefined;
      let lastValues: Tok[][] | undefined;
      while (!this.atEnd() && !this.eat(')')) {
        if (this.eat(';')) continue;
        const specs = this.parseValueSpec(file, iota, isConst ? lastType : undefined, isConst ? lastValues : undefined);
        lastType = specs.type;
        lastValues = specs.values;
        iota++;
      }
      this.eat(';');
    } else {
      this.parseValueSpec(file, 0);
      this.eat(';');
    }
  }

  private parseValueSpec(file: GoFile, iota: number, inheritedType?: GoType, inheritedValues?: Tok[][]): { type?: GoType; values?: Tok[][] } {
    const names = [this.next().text];
    while (this.eat(',')) names.push(this.next().text);
    let type: GoType | undefined;
    if (!this.is('=') && !this.isSemi() && !this.is(')')) type = this.parseType();
    let values: Tok[][] | undefined;
    if (this.eat('=')) {
      values = [];
      let start = this.p;
      let depth = 0;
      while (!this.atEnd()) {
        const t = this.peek();
        if (depth === 0 && (t.kind === ';' || (t.kind === 'op' && (t.text === ',' || t.text === ')')))) {
          values.push(this.toks.slice(start, this.p));
          if (t.kind === 'op' && t.text === ',') { this.p++; start = this.p; continue; }
          break;
        }
        if (t.kind === 'op' && ['(', '[', '{'].includes(t.text)) depth++;
        if (t.kind === 'op' && [')', ']', '}'].includes(t.text)) depth--;
        this.p++;
      }
    } else if (inheritedValues) {
      values = inheritedValues;
      type = type ?? inheritedType;
    }
    names.forEach((name, i) => {
      const toks = values?.[i];
      let value: GoExpr | undefined;
      if (toks) {
        try { value = new Parser([...toks, { kind: 'eof', text: '' }]).parseExpr(); } catch { value = { kind: 'bad' }; }
      }
      file.values.push({ name, type, value, iota });
    });
    this.eat(';');
    return { type, values };
  }

  private parseFunc(file: GoFile): void {
    let receiver: string | undefined;
    let receiverName: string | undefined;
    let pointerReceiver = false;
    if (this.is('(')) {
      const recv = this.skipGroup();
      const idents = recv.filter((t) => t.kind === 'ident');
      pointerReceiver = recv.some((t) => t.text === '*');
      receiver = idents[idents.length - 1]?.text;
      // `(r *T[K])`: the type name is the identifier before `[`.
      const bracket = recv.findIndex((t) => t.text === '[');
      if (bracket > 0) receiver = recv[bracket - 1].text;
      if (idents.length >= 2) receiverName = idents[0].text;
    }
    const name = this.next().text;
    if (this.is('[')) this.skipGroup();
    if (this.is('(')) this.skipGroup();
    // Results: a parenthesised list or a single type, up to the body.
    while (!this.atEnd() && !this.is('{') && !this.isSemi()) {
      if (this.is('(') || this.is('[')) this.skipGroup();
      else if (this.is('struct') || this.is('interface')) { this.p++; if (this.is('{')) this.skipGroup(); }
      else this.p++;
    }
    const body = this.is('{') ? this.skipGroup() : [];
    file.funcs.push({ name, receiver, receiverName, pointerReceiver, body });
    this.eat(';');
  }

  parseType(): GoType {
    const t = this.peek();
    if (this.eat('*')) return { kind: 'pointer', elem: this.parseType() };
    if (this.eat('(')) { const inner = this.parseType(); this.expect(')'); return inner; }
    if (this.is('[')) {
      this.next();
      if (this.eat(']')) return { kind: 'slice', elem: this.parseType() };
      // Array length expression up to `]`.
      let depth = 0;
      while (!this.atEnd()) {
        if (this.is('[')) depth++;
        if (this.is(']')) { if (depth === 0) break; depth--; }
        this.p++;
      }
      this.expect(']');
      return { kind: 'array', elem: this.parseType() };
    }
    if (this.eat('map')) {
      this.expect('[');
      const key = this.parseType();
      this.expect(']');
      return { kind: 'map', key, value: this.parseType() };
    }
    if (this.eat('chan')) { this.eat('<-'); return { kind: 'chan', elem: this.parseType() }; }
    if (this.is('<-')) { this.next(); this.expect('chan'); return { kind: 'chan', elem: this.parseType() }; }
    if (this.eat('func')) return this.parseFuncType();
    if (this.eat('struct')) return this.parseStruct();
    if (this.eat('interface')) return this.parseInterface();
    if (t.kind === 'ident') {
      this.next();
      let type: GoType = { kind: 'name', name: t.text };
      if (this.is('.') && this.peek(1).kind === 'ident') {
        this.next();
        type = { kind: 'name', pkg: t.text, name: this.next().text };
      }
      if (this.is('[') && !this.is(']', 1)) {
        // Generic instantiation `T[A, B]`.
        this.next();
        const args: GoType[] = [this.parseType()];
        while (this.eat(',')) args.push(this.parseType());
        this.expect(']');
        type.args = args;
      }
      return type;
    }
    throw new Error(`unexpected ${t.text} in type`);
  }

  private parseFuncType(): GoType {
    if (this.is('(')) this.skipGroup();
    // Results.
    if (this.is('(')) {
      const group = this.skipGroup();
      const parts = splitTop(group);
      const last = (ts: Tok[]) => ts.map((x) => x.text).join('');
      return { kind: 'func', results: parts.length, firstResultIsError: parts.length > 0 && last(parts[0]).endsWith('error'), secondResultIsError: parts.length > 1 && last(parts[1]).endsWith('error') };
    }
    if (this.isSemi() || this.is(')') || this.is(',') || this.is('}') || this.is(']') || this.peek().kind === 'string' || this.is('{')) {
      return { kind: 'func', results: 0, firstResultIsError: false, secondResultIsError: false };
    }
    const result = this.parseType();
    return { kind: 'func', results: 1, firstResultIsError: result.kind === 'name' && result.name === 'error' && !result.pkg, secondResultIsError: false };
  }

  private parseStruct(): GoType {
    this.expect('{');
    const fields: GoField[] = [];
    while (!this.atEnd() && !this.eat('}')) {
      if (this.eat(';')) continue;
      // Embedded field: `T`, `*T`, `pkg.T` followed by a tag or end of line.
      const embedded = (this.is('*') ) ||
        (this.peek().kind === 'ident' && (this.peek(1).kind === ';' || this.peek(1).kind === 'string' || this.is('}', 1) ||
          (this.is('.', 1) && this.peek(2).kind === 'ident' && (this.peek(3).kind === ';' || this.peek(3).kind === 'string' || this.is('}', 3)))));
      let names: string[] = [];
      if (!embedded) {
        names = [this.next().text];
        while (this.eat(',')) names.push(this.next().text);
      }
      const type = this.parseType();
      const tag = this.peek().kind === 'string' ? this.next().value : undefined;
      fields.push({ names, type, tag });
      this.eat(';');
    }
    return { kind: 'struct', fields };
  }

  private parseInterface(): GoType {
    this.expect('{');
    const methods: string[] = [];
    const embeds: GoType[] = [];
    while (!this.atEnd() && !this.eat('}')) {
      if (this.eat(';')) continue;
      if (this.peek().kind === 'ident' && this.is('(', 1)) {
        methods.push(this.next().text);
        this.skipGroup();
        this.skipToSemicolon();
      } else {
        try { embeds.push(this.parseType()); } catch { /* type sets (`~int | ~string`) are not needed */ }
        this.skipToSemicolon();
      }
      this.eat(';');
    }
    return { kind: 'interface', methods, embeds };
  }

  // Expressions -------------------------------------------------------------------------------------

  parseExpr(prec = 1): GoExpr {
    let x = this.parseUnary();
    for (;;) {
      const t = this.peek();
      const p = t.kind === 'op' ? BINARY_PREC[t.text] : undefined;
      if (p === undefined || p < prec) return x;
      this.next();
      const y = this.parseExpr(p + 1);
      x = { kind: 'binary', op: t.text, x, y };
    }
  }

  private parseUnary(): GoExpr {
    const t = this.peek();
    if (t.kind === 'op' && ['-', '+', '!', '^', '&', '*', '<-'].includes(t.text)) {
      this.next();
      return { kind: 'unary', op: t.text, x: this.parseUnary() };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): GoExpr {
    let x = this.parseOperand();
    for (;;) {
      if (this.is('.')) {
        this.next();
        if (this.is('(')) { this.skipGroup(); continue; } // type assertion
        x = { kind: 'selector', x, sel: this.next().text };
      } else if (this.is('(')) {
        const inner = this.skipGroup();
        const args = splitTop(inner).map((part) => {
          try { return new Parser([...part, { kind: 'eof', text: '' }]).parseExpr(); } catch { return { kind: 'bad' } as GoExpr; }
        });
        x = { kind: 'call', fun: x, args };
      } else if (this.is('[')) {
        const inner = this.skipGroup();
        let index: GoExpr = { kind: 'bad' };
        try { index = new Parser([...inner, { kind: 'eof', text: '' }]).parseExpr(); } catch { /* slice expression */ }
        x = { kind: 'index', x, index };
      } else if (this.is('{') && isTypeLike(x)) {
        x = this.parseCompositeBody(exprToType(x));
      } else {
        return x;
      }
    }
  }

  private parseOperand(): GoExpr {
    const t = this.peek();
    if (t.kind === 'int' || t.kind === 'float' || t.kind === 'imag' || t.kind === 'char' || t.kind === 'string') {
      this.next();
      return { kind: 'basic', tok: t };
    }
    if (this.eat('(')) {
      const x = this.parseExpr();
      this.expect(')');
      return { kind: 'paren', x };
    }
    if (this.is('func')) {
      this.next();
      this.parseFuncType();
      if (this.is('{')) { this.skipGroup(); return { kind: 'funclit' }; }
      return { kind: 'bad' };
    }
    if (this.is('[') || this.is('map') || this.is('struct') || this.is('chan') || this.is('interface')) {
      const type = this.parseType();
      if (this.is('{')) return this.parseCompositeBody(type);
      return { kind: 'typeexpr', type };
    }
    if (t.kind === 'ident') {
      this.next();
      return { kind: 'ident', name: t.text };
    }
    if (this.is('{')) {
      // Elided composite type inside another composite literal.
      return this.parseCompositeBody(undefined);
    }
    throw new Error(`unexpected ${t.text}`);
  }

  private parseCompositeBody(type: GoType | undefined): GoExpr {
    const inner = this.skipGroup();
    const elts = splitTop(inner).map((part) => {
      const colon = topLevelIndex(part, ':');
      const parseTokens = (ts: Tok[]): GoExpr => {
        try { return new Parser([...ts, { kind: 'eof', text: '' }]).parseExpr(); } catch { return { kind: 'bad' }; }
      };
      if (colon >= 0) return { key: parseTokens(part.slice(0, colon)), value: parseTokens(part.slice(colon + 1)) };
      return { value: parseTokens(part) };
    });
    return { kind: 'composite', type, elts };
  }
}

const BINARY_PREC: Record<string, number> = {
  '||': 1, '&&': 2, '==': 3, '!=': 3, '<': 3, '<=': 3, '>': 3, '>=': 3,
  '+': 4, '-': 4, '|': 4, '^': 4, '*': 5, '/': 5, '%': 5, '<<': 5, '>>': 5, '&': 5, '&^': 5,
};

function isTypeLike(x: GoExpr): boolean {
  if (x.kind === 'ident') return /^[A-Za-z_]/.test(x.name);
  if (x.kind === 'selector') return x.x.kind === 'ident';
  if (x.kind === 'index') return isTypeLike(x.x);
  return x.kind === 'typeexpr';
}

function exprToType(x: GoExpr): GoType {
  if (x.kind === 'ident') return { kind: 'name', name: x.name };
  if (x.kind === 'selector' && x.x.kind === 'ident') return { kind: 'name', pkg: x.x.name, name: x.sel };
  if (x.kind === 'index') return exprToType(x.x);
  if (x.kind === 'typeexpr') return x.type;
  return { kind: 'name', name: '?' };
}

/** Splits tokens at top-level commas (and drops automatic semicolons before a closing bracket). */
export function splitTop(toks: Tok[]): Tok[][] {
  const parts: Tok[][] = [];
  let current: Tok[] = [];
  let depth = 0;
  for (const t of toks) {
    if (t.kind === 'op' && ['(', '[', '{'].includes(t.text)) depth++;
    if (t.kind === 'op' && [')', ']', '}'].includes(t.text)) depth--;
    if (depth === 0 && t.kind === 'op' && t.text === ',') { parts.push(current); current = []; continue; }
    if (depth === 0 && t.kind === ';') continue;
    current.push(t);
  }
  if (current.length > 0) parts.push(current);
  return parts.filter((part) => part.length > 0);
}

function topLevelIndex(toks: Tok[], text: string): number {
  let depth = 0;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.kind === 'op' && ['(', '[', '{'].includes(t.text)) depth++;
    if (t.kind === 'op' && [')', ']', '}'].includes(t.text)) depth--;
    if (depth === 0 && t.kind === 'op' && t.text === text) return i;
  }
  return -1;
}

export function parseGoFile(path: string, src: string): GoFile {
  return new Parser(tokenize(src)).parseFile(path);
}

/** Parses the statements of a function body into simple statements: each top-level statement's tokens. */
export function bodyStatements(body: Tok[]): Tok[][] {
  const statements: Tok[][] = [];
  let current: Tok[] = [];
  let depth = 0;
  for (const t of body) {
    if (t.kind === 'op' && ['(', '[', '{'].includes(t.text)) depth++;
    if (t.kind === 'op' && [')', ']', '}'].includes(t.text)) depth--;
    if (depth === 0 && t.kind === ';') { if (current.length) statements.push(current); current = []; continue; }
    current.push(t);
  }
  if (current.length) statements.push(current);
  return statements;
}

export function parseExprTokens(toks: Tok[]): GoExpr {
  try { return new Parser([...toks, { kind: 'eof', text: '' }]).parseExpr(); } catch { return { kind: 'bad' }; }
}

/** Finds every call `pkg.fn(...)` in a token range and returns the parsed argument expressions. */
export function findCalls(toks: Tok[], pkg: string, fn: string): GoExpr[][] {
  const calls: GoExpr[][] = [];
  for (let i = 0; i + 3 < toks.length; i++) {
    if (toks[i].text === pkg && toks[i + 1].text === '.' && toks[i + 2].text === fn && toks[i + 3].text === '(') {
      const parser = new Parser([...toks.slice(i + 3), { kind: 'eof', text: '' }]);
      const inner = parser.skipGroup();
      calls.push(splitTop(inner).map(parseExprTokens));
    }
  }
  return calls;
}
