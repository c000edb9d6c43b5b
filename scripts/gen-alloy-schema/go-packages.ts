import type { SourceTree } from './source-tree';
import {
  type GoExpr, type GoFile, type GoFunc, type GoType, type Tok, bodyStatements, parseExprTokens, parseGoFile,
} from './go-source';

// The Go packages of one Alloy source tree, with name resolution across packages of the same
// repository (module paths read from its go.mod files) and a small evaluator for the constant
// expressions Alloy's default values are written in.

export interface GoPackage {
  dir: string;
  importPath: string;
  name: string;
  files: GoFile[];
  types: Map<string, { type: GoType; alias: boolean; file: GoFile }>;
  /** Method names by receiver type name. */
  methods: Map<string, Map<string, GoFunc & { file: GoFile }>>;
  values: Map<string, { spec: GoFile['values'][number]; file: GoFile }>;
  funcs: Map<string, GoFunc & { file: GoFile }>;
}

/** A named type resolved to where it is declared, or an external (not in this repository) type. */
export type Named =
  | { where: 'repo'; pkg: GoPackage; name: string; decl: { type: GoType; alias: boolean; file: GoFile } }
  | { where: 'external'; importPath: string; name: string }
  | { where: 'builtin'; name: string };

export class GoIndex {
  readonly packages = new Map<string, GoPackage>();
  private readonly modules: { path: string; dir: string }[] = [];
  readonly parseFailures: string[] = [];

  constructor(readonly tree: SourceTree, roots: string[]) {
    for (const mod of tree.list('').filter((f) => f === 'go.mod' || (f.endsWith('/go.mod') && !f.includes('/testdata/')))) {
      const text = tree.read(mod) ?? '';
      const m = /^module\s+(\S+)/m.exec(text);
      if (m) this.modules.push({ path: m[1], dir: mod === 'go.mod' ? '' : mod.slice(0, -'/go.mod'.length) });
    }
    // Longest module dir first, so `syntax/` wins over the root module for its files.
    this.modules.sort((a, b) => b.dir.length - a.dir.length);
    for (const root of roots) {
      for (const file of tree.list(root)) {
        if (!file.endsWith('.go') || file.endsWith('_test.go') || file.includes('/testdata/')) continue;
        const src = tree.read(file);
        if (src === undefined) continue;
        let parsed: GoFile;
        try {
          parsed = parseGoFile(file, src);
        } catch (error) {
          this.parseFailures.push(`${file}: ${(error as Error).message}`);
          continue;
        }
        const dir = file.slice(0, file.lastIndexOf('/'));
        let pkg = this.packages.get(dir);
        if (!pkg) {
          pkg = { dir, importPath: this.importPathOf(dir), name: parsed.pkgName, files: [], types: new Map(), methods: new Map(), values: new Map(), funcs: new Map() };
          this.packages.set(dir, pkg);
        }
        if (parsed.pkgName.endsWith('_test')) continue;
        pkg.files.push(parsed);
        for (const [name, decl] of parsed.types) {
          // The same type in files for different build tags (a platform stub next to the real one):
          // keep the struct with more fields.
          const existing = pkg.types.get(name);
          if (existing && richness(existing.type) >= richness(decl.type)) continue;
          pkg.types.set(name, { ...decl, file: parsed });
        }
        for (const spec of parsed.values) pkg.values.set(spec.name, { spec, file: parsed });
        for (const fn of parsed.funcs) {
          if (fn.receiver) {
            let methods = pkg.methods.get(fn.receiver);
            if (!methods) pkg.methods.set(fn.receiver, (methods = new Map()));
            methods.set(fn.name, { ...fn, file: parsed });
          } else {
            pkg.funcs.set(fn.name, { ...fn, file: parsed });
          }
        }
      }
    }
    this.byImportPath = new Map([...this.packages.values()].map((p) => [p.importPath, p]));
  }

  private readonly byImportPath: Map<string, GoPackage>;

  private importPathOf(dir: string): string {
    const mod = this.modules.find((m) => m.dir === '' || dir === m.dir || dir.startsWith(`${m.dir}/`));
    if (!mod) return dir;
    const rest = mod.dir === '' ? dir : dir.slice(mod.dir.length + 1);
    return rest ? `${mod.path}/${rest}` : mod.path;
  }

  packageByImportPath(importPath: string): GoPackage | undefined {
    return this.byImportPath.get(importPath);
  }

  /** The import path a file's local package name stands for. */
  importOf(file: GoFile, local: string): string | undefined {
    for (const imp of file.imports) {
      if (imp.alias === local) return imp.path;
    }
    for (const imp of file.imports) {
      if (imp.alias) continue;
      const inRepo = this.byImportPath.get(imp.path);
      if (inRepo ? inRepo.name === local : defaultPackageName(imp.path) === local) return imp.path;
    }
    return undefined;
  }

  resolveNamed(name: string, pkgLocal: string | undefined, pkg: GoPackage, file: GoFile): Named {
    if (!pkgLocal) {
      const decl = pkg.types.get(name);
      if (decl) return { where: 'repo', pkg, name, decl };
      return { where: 'builtin', name };
    }
    const importPath = this.importOf(file, pkgLocal) ?? pkgLocal;
    const target = this.byImportPath.get(importPath);
    const decl = target?.types.get(name);
    if (target && decl) return { where: 'repo', pkg: target, name, decl };
    return { where: 'external', importPath, name };
  }

  methodsOf(pkg: GoPackage, typeName: string): Map<string, GoFunc & { file: GoFile }> {
    return pkg.methods.get(typeName) ?? new Map();
  }
}

function richness(type: GoType): number {
  return type.kind === 'struct' ? 1 + type.fields.length : 0;
}

/** The usual package name of an import path outside the repository (`.../v3` and `gopkg.in/x.v2` handled). */
export function defaultPackageName(importPath: string): string {
  const parts = importPath.split('/');
  let last = parts[parts.length - 1];
  if (/^v\d+$/.test(last) && parts.length > 1) last = parts[parts.length - 2];
  return last.replace(/\.v\d+$/, '').replace(/^go-/, '').replace(/-go$/, '').replace(/[-.]/g, '_');
}

// ---------------------------------------------------------------------------------------------------
// Constant evaluation

export type Val =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 'bool'; v: boolean }
  /** time.Duration in nanoseconds. */
  | { k: 'dur'; ns: number }
  /** units.Base2Bytes. */
  | { k: 'bytes'; n: number }
  | { k: 'struct'; fields: Map<string, Val> }
  | { k: 'list'; items: Val[] }
  | { k: 'map'; entries: [Val, Val][] }
  | { k: 'nil' }
  | { k: 'unknown'; why: string };

const UNKNOWN = (why: string): Val => ({ k: 'unknown', why });

const TIME_UNITS: Record<string, number> = { Nanosecond: 1, Microsecond: 1e3, Millisecond: 1e6, Second: 1e9, Minute: 60e9, Hour: 3600e9 };
const BYTE_UNITS: Record<string, number> = {
  Byte: 1, KiB: 2 ** 10, MiB: 2 ** 20, GiB: 2 ** 30, TiB: 2 ** 40, PiB: 2 ** 50, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12,
  Kilobyte: 2 ** 10, Megabyte: 2 ** 20, Gigabyte: 2 ** 30,
};
const MATH_CONSTS: Record<string, number> = {
  MaxInt: 2 ** 63 - 1, MaxInt64: 2 ** 63 - 1, MaxInt32: 2 ** 31 - 1, MaxUint32: 2 ** 32 - 1, MaxUint16: 65535, MaxInt16: 32767,
  MaxUint8: 255, MaxFloat64: Number.MAX_VALUE, MaxUint64: 2 ** 64 - 1, MaxUint: 2 ** 64 - 1,
};

export interface EvalScope {
  pkg: GoPackage;
  file: GoFile;
  /** Local variables of a function body being evaluated. */
  locals?: Map<string, Val>;
  iota?: number;
}

export class Evaluator {
  private readonly inProgress = new Set<string>();
  constructor(private readonly index: GoIndex) {}

  eval(expr: GoExpr | undefined, scope: EvalScope, depth = 0): Val {
    if (!expr) return UNKNOWN('no expression');
    if (depth > 40) return UNKNOWN('too deep');
    switch (expr.kind) {
      case 'basic': return basicValue(expr.tok);
      case 'paren': return this.eval(expr.x, scope, depth + 1);
      case 'ident': return this.ident(expr.name, scope, depth);
      case 'selector': return this.selector(expr, scope, depth);
      case 'unary': {
        const x = this.eval(expr.x, scope, depth + 1);
        if (expr.op === '&' || expr.op === '+') return x;
        if (expr.op === '*') return x;
        if (expr.op === '!' && x.k === 'bool') return { k: 'bool', v: !x.v };
        if (expr.op === '-') {
          if (x.k === 'num') return { k: 'num', v: -x.v };
          if (x.k === 'dur') return { k: 'dur', ns: -x.ns };
        }
        return UNKNOWN(`unary ${expr.op}`);
      }
      case 'binary': return binary(expr.op, this.eval(expr.x, scope, depth + 1), this.eval(expr.y, scope, depth + 1));
      case 'composite': return this.composite(expr, scope, depth);
      case 'call': return this.call(expr, scope, depth);
      default: return UNKNOWN(expr.kind);
    }
  }

  private ident(name: string, scope: EvalScope, depth: number): Val {
    if (scope.locals?.has(name)) return scope.locals.get(name)!;
    if (name === 'true' || name === 'false') return { k: 'bool', v: name === 'true' };
    if (name === 'nil') return { k: 'nil' };
    if (name === 'iota') return scope.iota !== undefined ? { k: 'num', v: scope.iota } : UNKNOWN('iota');
    return this.packageValue(scope.pkg, name, depth);
  }

  packageValue(pkg: GoPackage, name: string, depth = 0): Val {
    const entry = pkg.values.get(name);
    if (!entry) return UNKNOWN(`${pkg.importPath}.${name}`);
    const key = `${pkg.importPath}.${name}`;
    if (this.inProgress.has(key)) return UNKNOWN('cycle');
    this.inProgress.add(key);
    try {
      const value = this.eval(entry.spec.value, { pkg, file: entry.file, iota: entry.spec.iota }, depth + 1);
      return entry.spec.type ? this.convert(entry.spec.type, value, { pkg, file: entry.file }) : value;
    } finally {
      this.inProgress.delete(key);
    }
  }

  private selector(expr: Extract<GoExpr, { kind: 'selector' }>, scope: EvalScope, depth: number): Val {
    if (expr.x.kind === 'ident' && !scope.locals?.has(expr.x.name) && !scope.pkg.values.has(expr.x.name)) {
      const importPath = this.index.importOf(scope.file, expr.x.name);
      if (importPath === 'time' && expr.sel in TIME_UNITS) return { k: 'dur', ns: TIME_UNITS[expr.sel] };
      if (importPath === 'github.com/alecthomas/units' && expr.sel in BYTE_UNITS) return { k: 'bytes', n: BYTE_UNITS[expr.sel] };
      if (importPath === 'math' && expr.sel in MATH_CONSTS) return { k: 'num', v: MATH_CONSTS[expr.sel] };
      const target = importPath ? this.index.packageByImportPath(importPath) : undefined;
      if (target) return this.packageValue(target, expr.sel, depth + 1);
      return UNKNOWN(`${importPath ?? expr.x.name}.${expr.sel}`);
    }
    const x = this.eval(expr.x, scope, depth + 1);
    if (x.k === 'struct') return x.fields.get(expr.sel) ?? UNKNOWN(`field ${expr.sel}`);
    return UNKNOWN(`selector .${expr.sel}`);
  }

  private composite(expr: Extract<GoExpr, { kind: 'composite' }>, scope: EvalScope, depth: number): Val {
    const type = expr.type;
    const underlying = type ? this.underlying(type, scope) : undefined;
    if (type && (type.kind === 'slice' || type.kind === 'array' || underlying?.kind === 'slice')) {
      return { k: 'list', items: expr.elts.map((e) => this.eval(e.value, scope, depth + 1)) };
    }
    if (type && (type.kind === 'map' || underlying?.kind === 'map')) {
      return { k: 'map', entries: expr.elts.map((e) => [this.eval(e.key, scope, depth + 1), this.eval(e.value, scope, depth + 1)] as [Val, Val]) };
    }
    const fields = new Map<string, Val>();
    for (const elt of expr.elts) {
      if (elt.key?.kind === 'ident') fields.set(elt.key.name, this.eval(elt.value, scope, depth + 1));
    }
    // Field types decide how numbers are read (a number in a time.Duration field is nanoseconds).
    if (underlying?.kind === 'struct') {
      for (const field of underlying.fields) {
        for (const name of field.names) {
          const value = fields.get(name);
          if (value) fields.set(name, this.convert(field.type, value, scope));
        }
      }
    }
    return { k: 'struct', fields };
  }

  private call(expr: Extract<GoExpr, { kind: 'call' }>, scope: EvalScope, depth: number): Val {
    const fun = expr.fun;
    // Conversions: time.Duration(x), units.Base2Bytes(x), uint32(x), float64(x), T(x).
    if (expr.args.length === 1) {
      const arg = () => this.eval(expr.args[0], scope, depth + 1);
      if (fun.kind === 'ident' && /^(u?int\d*|float\d+|string|byte|rune|bool)$/.test(fun.name)) return arg();
      if (fun.kind === 'selector' && fun.x.kind === 'ident') {
        const importPath = this.index.importOf(scope.file, fun.x.name);
        if (importPath === 'time' && fun.sel === 'Duration') return toDuration(arg());
        if (importPath === 'github.com/alecthomas/units' && fun.sel === 'Base2Bytes') return toBytes(arg());
        if (importPath === 'github.com/prometheus/common/model' && fun.sel === 'Duration') return toDuration(arg());
      }
      if (fun.kind === 'ident' && scope.pkg.types.has(fun.name)) return this.convert({ kind: 'name', name: fun.name }, arg(), scope);
    }
    // Calls of parameterless functions of the repository that build and return a value.
    if (expr.args.length === 0) {
      let target: { pkg: GoPackage; fn: GoFunc & { file: GoFile } } | undefined;
      if (fun.kind === 'ident') {
        const fn = scope.pkg.funcs.get(fun.name);
        if (fn) target = { pkg: scope.pkg, fn };
      } else if (fun.kind === 'selector' && fun.x.kind === 'ident') {
        const importPath = this.index.importOf(scope.file, fun.x.name);
        const pkg = importPath ? this.index.packageByImportPath(importPath) : undefined;
        const fn = pkg?.funcs.get(fun.sel);
        if (pkg && fn) target = { pkg, fn };
      }
      if (target) return this.runBody(target.fn, target.pkg, depth);
    }
    return UNKNOWN('call');
  }

  /** Evaluates a function body made of local assignments and a final `return`. */
  private runBody(fn: GoFunc & { file: GoFile }, pkg: GoPackage, depth: number): Val {
    const key = `${pkg.importPath}.${fn.name}()`;
    if (this.inProgress.has(key)) return UNKNOWN('cycle');
    this.inProgress.add(key);
    try {
      const locals = new Map<string, Val>();
      const scope: EvalScope = { pkg, file: fn.file, locals };
      for (const statement of bodyStatements(fn.body)) {
        const text = statement.map((t) => t.text);
        if (text[0] === 'return') return this.eval(parseExprTokens(statement.slice(1)), scope, depth + 1);
        if (text[0] === 'var' && text[2] === '=') locals.set(text[1], this.eval(parseExprTokens(statement.slice(3)), scope, depth + 1));
        else if (text[1] === ':=') locals.set(text[0], this.eval(parseExprTokens(statement.slice(2)), scope, depth + 1));
        else if (text[1] === '.' && text.includes('=')) {
          const eq = text.indexOf('=');
          const path = text.slice(0, eq).filter((t) => t !== '.');
          const base = locals.get(path[0]);
          if (base) setPath(base, path.slice(1), this.eval(parseExprTokens(statement.slice(eq + 1)), scope, depth + 1));
        }
      }
      return UNKNOWN('no return');
    } finally {
      this.inProgress.delete(key);
    }
  }

  /** Gives a number the meaning of the type it is stored in (Duration nanoseconds, Base2Bytes). */
  convert(type: GoType, value: Val, scope: { pkg: GoPackage; file: GoFile }): Val {
    const t = type.kind === 'pointer' ? type.elem : type;
    if (t.kind !== 'name') return value;
    if (t.pkg) {
      const importPath = this.index.importOf(scope.file, t.pkg);
      if ((importPath === 'time' || importPath === 'github.com/prometheus/common/model') && t.name === 'Duration') return toDuration(value);
      if (importPath === 'github.com/alecthomas/units' && t.name === 'Base2Bytes') return toBytes(value);
    }
    const named = this.index.resolveNamed(t.name, t.pkg, scope.pkg, scope.file);
    if (named.where === 'repo' && named.decl.type.kind === 'name') return this.convert(named.decl.type, value, { pkg: named.pkg, file: named.decl.file });
    return value;
  }

  underlying(type: GoType, scope: { pkg: GoPackage; file: GoFile }, depth = 0): GoType | undefined {
    if (depth > 20) return undefined;
    const t = type.kind === 'pointer' ? type.elem : type;
    if (t.kind !== 'name') return t;
    const named = this.index.resolveNamed(t.name, t.pkg, scope.pkg, scope.file);
    if (named.where !== 'repo') return undefined;
    return this.underlying(named.decl.type, { pkg: named.pkg, file: named.decl.file }, depth + 1);
  }
}

function setPath(base: Val, path: string[], value: Val): void {
  let current = base;
  for (let i = 0; i < path.length - 1; i++) {
    if (current.k !== 'struct') return;
    let next = current.fields.get(path[i]);
    if (!next) current.fields.set(path[i], (next = { k: 'struct', fields: new Map() }));
    current = next;
  }
  if (current.k === 'struct') current.fields.set(path[path.length - 1], value);
}

export function setValuePath(base: Val, path: string[], value: Val): void {
  setPath(base, path, value);
}

function toDuration(v: Val): Val {
  if (v.k === 'num') return { k: 'dur', ns: v.v };
  return v;
}

function toBytes(v: Val): Val {
  if (v.k === 'num') return { k: 'bytes', n: v.v };
  return v;
}

function basicValue(tok: Tok): Val {
  switch (tok.kind) {
    case 'string': return { k: 'str', v: tok.value ?? '' };
    case 'int': {
      const text = tok.text.replace(/_/g, '');
      const v = /^0[oO]/.test(text) ? parseInt(text.slice(2), 8) : /^0[bB]/.test(text) ? parseInt(text.slice(2), 2) : /^0\d/.test(text) ? parseInt(text, 8) : Number(text);
      return { k: 'num', v };
    }
    case 'float': return { k: 'num', v: Number(tok.text.replace(/_/g, '')) };
    default: return UNKNOWN(tok.kind);
  }
}

function binary(op: string, x: Val, y: Val): Val {
  const num = (v: Val): number | undefined => (v.k === 'num' ? v.v : v.k === 'dur' ? v.ns : v.k === 'bytes' ? v.n : undefined);
  if (x.k === 'str' && y.k === 'str' && op === '+') return { k: 'str', v: x.v + y.v };
  const a = num(x);
  const b = num(y);
  if (a === undefined || b === undefined) return UNKNOWN(`binary ${op}`);
  let r: number;
  switch (op) {
    case '*': r = a * b; break;
    case '/': r = x.k === 'num' && y.k === 'num' && Number.isInteger(a) && Number.isInteger(b) ? Math.trunc(a / b) : a / b; break;
    case '+': r = a + b; break;
    case '-': r = a - b; break;
    case '<<': r = a * 2 ** b; break;
    case '>>': r = Math.floor(a / 2 ** b); break;
    case '%': r = a % b; break;
    case '|': r = a | b; break;
    default: return UNKNOWN(`binary ${op}`);
  }
  // Duration × number stays a duration; bytes × number stays bytes.
  if (x.k === 'dur' || y.k === 'dur') return (op === '/' && x.k === 'dur' && y.k === 'dur') ? { k: 'num', v: r } : { k: 'dur', ns: r };
  if (x.k === 'bytes' || y.k === 'bytes') return { k: 'bytes', n: r };
  return { k: 'num', v: r };
}
