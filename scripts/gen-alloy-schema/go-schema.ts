import type { GoExpr, GoField, GoFile, GoType } from './go-source';
import { type Tok, bodyStatements, findCalls, parseExprTokens, splitTop } from './go-source';
import { type GoIndex, type GoPackage, Evaluator, type Val, setValuePath } from './go-packages';
import { type SchemaArg, type SchemaBlock, type SchemaComponent, formatDefault } from './model';

// Reads the component schema from Alloy's Go code: each `component.Register(component.Registration{…})`
// gives a name, a stability and the Arguments/Exports types; the `alloy:"name,flags"` struct tags of
// those types (syntax/internal/syntaxtags/syntaxtags.go) give the attributes and blocks; the Go types
// give Alloy types the way syntax/internal/value/type.go (AlloyType) maps them; `SetToDefault`
// (syntax.Defaulter, called by syntax/vm/vm.go evaluateBlockOrBody before decoding a block) and the
// `DefaultArguments` values it copies give defaults.

/**
 * Go types outside the repository that arguments use, with the Alloy type they decode from.
 * Facts read in Alloy's code: time.Duration is decoded by syntax/internal/value/decode.go from a
 * duration string; units.Base2Bytes and the others implement encoding.TextUnmarshaler (string);
 * storage.Appendable is the capsule Alloy's docs call MetricsReceiver (prometheus.remote_write.md
 * "Exported fields").
 */
const EXTERNAL_TYPES: Record<string, string> = {
  'time.Duration': 'duration',
  'github.com/alecthomas/units.Base2Bytes': 'bytes',
  'github.com/prometheus/common/model.Duration': 'duration',
  'github.com/prometheus/common/model.LabelName': 'string',
  'github.com/prometheus/common/model.LabelValue': 'string',
  'github.com/prometheus/common/model.LabelSet': 'map(string)',
  'github.com/prometheus/prometheus/storage.Appendable': 'capsule(MetricsReceiver)',
  'net/url.URL': 'string',
  'regexp.Regexp': 'string',
  'github.com/grafana/regexp.Regexp': 'string',
  'math/big.Int': 'number',
  'encoding/json.RawMessage': 'string',
  'net/netip.Prefix': 'string',
  'net.IPNet': 'string',
  // url.Values is map[string][]string (net/url/url.go).
  'net/url.Values': 'map(list(string))',
  // ottl.ErrorMode and configcompression.Type implement encoding.TextUnmarshaler (string).
  'github.com/open-telemetry/opentelemetry-collector-contrib/pkg/ottl.ErrorMode': 'string',
  'go.opentelemetry.io/collector/config/configcompression.Type': 'string',
  // flagext.StringSlice is []string (github.com/grafana/dskit/flagext/stringslice.go).
  'github.com/grafana/dskit/flagext.StringSlice': 'list(string)',
};

/** Capsule types named as Alloy's reference pages name them (their "Exported fields" and argument tables). */
export const CAPSULE_NAMES: Record<string, string> = {
  'github.com/grafana/alloy/internal/component/otelcol.Consumer': 'otelcol.Consumer',
  'github.com/grafana/alloy/internal/component/common/loki.LogsReceiver': 'LogsReceiver',
  'github.com/grafana/alloy/internal/component/pyroscope.Appendable': 'ProfilesReceiver',
  'github.com/grafana/alloy/internal/component/otelcol/auth.Handler': 'otelcol.Handler',
  'github.com/grafana/alloy/internal/component/otelcol/extension.ExtensionHandler': 'otelcol.Handler',
  'github.com/grafana/alloy/internal/component/otelcol/storage.Handler': 'otelcol.Handler',
};

export interface GoRegistration {
  name: string;
  stability: string;
  community: boolean;
  pkg: GoPackage;
  file: GoFile;
  args?: GoType;
  exports?: GoType;
}

interface Scope {
  pkg: GoPackage;
  file: GoFile;
}

export class GoSchemaReader {
  private readonly evaluator: Evaluator;
  readonly unmapped = new Map<string, string[]>();
  private currentPath = '';

  constructor(private readonly index: GoIndex) {
    this.evaluator = new Evaluator(index);
  }

  registrations(): GoRegistration[] {
    const found: GoRegistration[] = [];
    for (const pkg of this.index.packages.values()) {
      for (const file of pkg.files) {
        for (const fn of file.funcs) {
          if (!fn.body.some((t) => t.text === 'Register')) continue;
          for (const call of findCalls(fn.body, 'component', 'Register')) {
            const reg = call[0];
            if (!reg || reg.kind !== 'composite') continue;
            const field = (key: string): GoExpr | undefined => reg.elts.find((e) => e.key?.kind === 'ident' && e.key.name === key)?.value;
            const scope = { pkg, file };
            const nameValue = this.evaluator.eval(field('Name'), scope);
            if (nameValue.k !== 'str') continue;
            const stability = field('Stability');
            const community = field('Community');
            found.push({
              name: nameValue.v,
              stability: stability?.kind === 'selector' ? stability.sel : 'StabilityGenerallyAvailable',
              community: community?.kind === 'ident' && community.name === 'true',
              pkg,
              file,
              args: compositeType(field('Args')),
              exports: compositeType(field('Exports')),
            });
          }
        }
      }
    }
    return found;
  }

  component(reg: GoRegistration): SchemaComponent {
    this.currentPath = reg.name;
    const scope = { pkg: reg.pkg, file: reg.file };
    const args = reg.args ? this.block(reg.args, scope, this.defaultsOf(reg.args, scope)) : emptyBlock();
    const exports: Record<string, string> = {};
    if (reg.exports) {
      for (const field of this.taggedFields(reg.exports, scope)) {
        if (field.flags.has('attr')) exports[field.name] = this.alloyType(field.type, field.scope);
      }
    }
    return {
      ...args,
      name: reg.name,
      stability: stabilityName(reg.stability),
      community: reg.community || undefined,
      exports,
    };
  }

  /** The schema of a config block whose Go type is `typeName` in the package at `dir`, if there is one. */
  configBlock(dir: string, typeName: string): SchemaBlock | undefined {
    const pkg = this.index.packages.get(dir);
    const decl = pkg?.types.get(typeName);
    if (!pkg || !decl) return undefined;
    this.currentPath = `${dir}.${typeName}`;
    const type: GoType = { kind: 'name', name: typeName };
    const scope = { pkg, file: decl.file };
    return this.block(type, scope, this.defaultsOf(type, scope));
  }

  // Struct tags ----------------------------------------------------------------------------------

  /** The tagged fields of a struct type, with `,squash` fields flattened (syntaxtags.Get). */
  taggedFields(type: GoType, scope: Scope, depth = 0): TaggedField[] {
    const struct = this.structOf(type, scope);
    if (!struct || depth > 10) return [];
    const out: TaggedField[] = [];
    for (const field of struct.type.fields) {
      if (!field.tag) continue;
      const tag = /(?:^|\s)alloy:"([^"]*)"/.exec(field.tag)?.[1];
      if (tag === undefined) continue;
      const [name, ...flags] = tag.split(',');
      const flagSet = new Set(flags);
      const goName = field.names[0] ?? '';
      if (flagSet.has('squash')) {
        for (const inner of this.taggedFields(field.type, struct.scope, depth + 1)) out.push({ ...inner, goPath: [goName, ...inner.goPath] });
        continue;
      }
      out.push({ name, flags: flagSet, type: field.type, scope: struct.scope, goPath: [goName], field });
    }
    return out;
  }

  /** The struct a (possibly named, pointer) type stands for, with the scope its fields are written in. */
  structOf(type: GoType, scope: Scope, depth = 0): { type: Extract<GoType, { kind: 'struct' }>; scope: Scope; named?: string } | undefined {
    if (depth > 20) return undefined;
    if (type.kind === 'pointer') return this.structOf(type.elem, scope, depth + 1);
    if (type.kind === 'struct') return { type, scope };
    if (type.kind !== 'name') return undefined;
    const named = this.index.resolveNamed(type.name, type.pkg, scope.pkg, scope.file);
    if (named.where !== 'repo') return undefined;
    const inner = this.structOf(named.decl.type, { pkg: named.pkg, file: named.decl.file }, depth + 1);
    return inner ? { ...inner, named: inner.named ?? `${named.pkg.importPath}.${named.name}` } : undefined;
  }

  // Blocks ---------------------------------------------------------------------------------------

  block(type: GoType, scope: Scope, defaults: Val, stack: string[] = []): SchemaBlock {
    const result = emptyBlock();
    const struct = this.structOf(type, scope);
    if (struct?.named) result.goType = struct.named;
    if (struct?.named && stack.includes(struct.named)) {
      // A block that contains itself (loki.process stage.match holds stages): refer to the ancestor.
      result.recursive = struct.named;
      return result;
    }
    const inner = struct?.named ? [...stack, struct.named] : stack;
    for (const field of this.taggedFields(type, scope)) {
      const fieldDefault = pathValue(defaults, field.goPath);
      if (field.flags.has('label')) {
        result.labelled = true;
        continue;
      }
      const required = !field.flags.has('optional');
      if (field.flags.has('attr')) {
        const arg: SchemaArg = { type: this.alloyType(field.type, field.scope) };
        if (required) arg.required = true;
        const values = this.enumOf(field.type, field.scope);
        if (values) arg.enum = values;
        const formatted = fieldDefault ? formatDefault(arg.type, fieldDefault) : undefined;
        if (formatted !== undefined) arg.default = formatted;
        result.args[field.name] = arg;
      } else if (field.flags.has('block')) {
        const { elem, elemScope, repeatable } = this.blockElem(field.type, field.scope);
        const blockDefaults = this.blockDefaults(elem, elemScope, repeatable ? undefined : fieldDefault);
        const child = this.block(elem, elemScope, blockDefaults, inner);
        if (required) child.required = true;
        if (repeatable) child.repeatable = true;
        result.blocks[field.name] = child;
      } else if (field.flags.has('enum')) {
        // An ordered list of blocks: each element sets exactly one of its (block) fields, named
        // `<enum name>.<field name>` (the stage.* blocks of loki.process; syntaxtags validateEnum).
        const { elem, elemScope } = this.blockElem(field.type, field.scope);
        for (const member of this.taggedFields(elem, elemScope)) {
          const m = this.blockElem(member.type, member.scope);
          const child = this.block(m.elem, m.elemScope, this.blockDefaults(m.elem, m.elemScope, undefined), inner);
          child.repeatable = true;
          child.ordered = true;
          result.blocks[`${field.name}.${member.name}`] = child;
        }
      }
    }
    return result;
  }

  /** The element type of a block field: a struct, or the element of a (possibly named) slice of structs. */
  private blockElem(type: GoType, scope: Scope, depth = 0): { elem: GoType; elemScope: Scope; repeatable: boolean } {
    let t = type;
    while (t.kind === 'pointer') t = t.elem;
    if (t.kind === 'slice' || t.kind === 'array') {
      let elem = t.elem;
      while (elem.kind === 'pointer') elem = elem.elem;
      return { elem, elemScope: scope, repeatable: true };
    }
    if (t.kind === 'name' && depth < 10) {
      const named = this.index.resolveNamed(t.name, t.pkg, scope.pkg, scope.file);
      if (named.where === 'repo' && ['slice', 'array', 'pointer', 'name'].includes(named.decl.type.kind)) {
        const inner = this.blockElem(named.decl.type, { pkg: named.pkg, file: named.decl.file }, depth + 1);
        if (inner.repeatable) return inner;
      }
    }
    return { elem: t, elemScope: scope, repeatable: false };
  }

  private blockDefaults(type: GoType, scope: Scope, fromParent: Val | undefined): Val {
    const own = this.defaultsOf(type, scope);
    if (own.k === 'struct' && own.fields.size > 0) return own;
    return fromParent ?? own;
  }

  // Types ----------------------------------------------------------------------------------------

  alloyType(type: GoType, scope: Scope, depth = 0): string {
    if (depth > 20) return 'any';
    switch (type.kind) {
      case 'pointer': return this.alloyType(type.elem, scope, depth + 1);
      case 'slice':
      case 'array': {
        const struct = this.structOf(type.elem, scope);
        if (struct && this.taggedFields(type.elem, scope).some((f) => f.flags.has('label'))) return 'object';
        return `list(${this.alloyType(type.elem, scope, depth + 1)})`;
      }
      case 'map': {
        const key = this.alloyType(type.key, scope, depth + 1);
        return key === 'string' ? `map(${this.alloyType(type.value, scope, depth + 1)})` : 'capsule(map)';
      }
      case 'struct': return type.fields.some((f) => f.tag?.includes('alloy:')) ? 'object' : 'capsule(struct)';
      case 'interface': return type.methods.length === 0 && type.embeds.length === 0 ? 'any' : 'capsule(interface)';
      case 'func': return type.results === 1 && !type.firstResultIsError ? 'function' : type.results === 2 && !type.firstResultIsError && type.secondResultIsError ? 'function' : 'capsule(func)';
      case 'chan': return 'capsule(chan)';
      case 'name': return this.namedType(type, scope, depth);
    }
  }

  private namedType(type: Extract<GoType, { kind: 'name' }>, scope: Scope, depth: number): string {
    const named = this.index.resolveNamed(type.name, type.pkg, scope.pkg, scope.file);
    if (named.where === 'builtin') {
      if (named.name === 'string') return 'string';
      if (named.name === 'bool') return 'bool';
      if (/^(u?int\d*|float\d+|byte|rune|uintptr)$/.test(named.name)) return 'number';
      if (named.name === 'any') return 'any';
      if (named.name === 'error') return 'capsule(error)';
      this.note(`builtin ${named.name}`);
      return 'any';
    }
    if (named.where === 'external') {
      const key = `${named.importPath}.${named.name}`;
      const known = EXTERNAL_TYPES[key];
      if (known) return known;
      this.note(key);
      return 'any';
    }
    const qualified = `${named.pkg.importPath}.${named.name}`;
    if (qualified === 'github.com/grafana/alloy/syntax/alloytypes.Secret') return 'secret';
    // OptionalSecret takes a string or a secret, and holds a string unless marked sensitive
    // (syntax/alloytypes/optional_secret.go ConvertFrom/ConvertInto).
    if (qualified === 'github.com/grafana/alloy/syntax/alloytypes.OptionalSecret') return 'optional_secret';
    // discovery.Target converts from and into map(string) (internal/component/discovery/target.go ConvertFrom/ConvertInto).
    if (qualified === 'github.com/grafana/alloy/internal/component/discovery.Target') return 'map(string)';
    const methods = this.index.methodsOf(named.pkg, named.name);
    if (methods.has('AlloyCapsule')) return `capsule(${CAPSULE_NAMES[qualified] ?? qualified})`;
    if (methods.has('MarshalText') || methods.has('UnmarshalText')) {
      return /Duration$/.test(named.name) ? 'duration' : 'string';
    }
    const decl = named.decl;
    if (decl.type.kind === 'interface') {
      if (decl.type.methods.length === 0 && decl.type.embeds.length === 0) return 'any';
      return `capsule(${CAPSULE_NAMES[qualified] ?? qualified})`;
    }
    if (decl.type.kind === 'struct') {
      return decl.type.fields.some((f) => f.tag?.includes('alloy:')) ? 'object' : `capsule(${qualified})`;
    }
    return this.alloyType(decl.type, { pkg: named.pkg, file: decl.file }, depth + 1);
  }

  private note(what: string): void {
    const at = this.unmapped.get(what) ?? [];
    if (at.length < 5) at.push(this.currentPath);
    this.unmapped.set(what, at);
  }

  /**
   * The values a string-decoded Go type accepts, when its UnmarshalText is a `switch` over string
   * constants with a `default` that returns an error, or a look-up in a package map followed by an
   * error (relabel.Action, otelcol.CompressionType, filedetector.Detector…).
   */
  enumOf(type: GoType, scope: Scope): string[] | undefined {
    let t = type;
    while (t.kind === 'pointer') t = t.elem;
    if (t.kind !== 'name') return undefined;
    const named = this.index.resolveNamed(t.name, t.pkg, scope.pkg, scope.file);
    if (named.where !== 'repo') return undefined;
    const method = this.index.methodsOf(named.pkg, named.name).get('UnmarshalText');
    if (!method) return undefined;
    const body = method.body;
    const text = body.map((tok) => tok.text);
    if (text.some((x) => /^(ToLower|ToUpper|EqualFold|TrimSpace)$/.test(x))) return undefined;
    const fnScope = { pkg: named.pkg, file: method.file };
    const values: string[] = [];
    const evalString = (toks: Tok[]): string | undefined => {
      const value = this.evaluator.eval(parseExprTokens(toks), fnScope);
      return value.k === 'str' ? value.v : undefined;
    };
    const switchAt = text.indexOf('switch');
    if (switchAt >= 0) {
      const defaultAt = text.indexOf('default', switchAt);
      if (defaultAt < 0 || !text.slice(defaultAt).some((x) => x === 'Errorf' || x === 'New')) return undefined;
      for (let i = switchAt; i < defaultAt; i++) {
        if (text[i] !== 'case') continue;
        const colon = text.indexOf(':', i);
        for (const part of splitTop(body.slice(i + 1, colon))) {
          const value = evalString(part);
          if (value === undefined) return undefined;
          values.push(value);
        }
        i = colon;
      }
      return values.length >= 2 ? values : undefined;
    }
    // `if _, ok := table[T(text)]; ok { … } return fmt.Errorf(…)`.
    const lookup = text.findIndex((x, i) => text[i + 1] === '[' && named.pkg.values.has(x));
    if (lookup < 0 || !text.some((x) => x === 'Errorf' || x === 'New')) return undefined;
    const table = this.evaluator.packageValue(named.pkg, text[lookup]);
    if (table.k !== 'map') return undefined;
    for (const [key] of table.entries) {
      if (key.k !== 'str') return undefined;
      values.push(key.v);
    }
    return values.length >= 2 ? values : undefined;
  }

  // Defaults -------------------------------------------------------------------------------------

  /**
   * The value a struct type holds before decoding: what its SetToDefault method sets (or the leading
   * assignments of its UnmarshalAlloy), else the zero value.
   */
  defaultsOf(type: GoType, scope: Scope): Val {
    const t = type.kind === 'pointer' ? type.elem : type;
    const empty: Val = { k: 'struct', fields: new Map() };
    if (t.kind !== 'name') return empty;
    const named = this.index.resolveNamed(t.name, t.pkg, scope.pkg, scope.file);
    if (named.where !== 'repo') return empty;
    const methods = this.index.methodsOf(named.pkg, named.name);
    const method = methods.get('SetToDefault') ?? methods.get('UnmarshalAlloy');
    if (!method) {
      // A defined type over another named type (`type Arguments other.Arguments`) has none of its methods,
      // but `type X = other.X` (an alias) has them all.
      if (named.decl.alias) return this.defaultsOf(named.decl.type, { pkg: named.pkg, file: named.decl.file });
      return empty;
    }
    const fnScope = { pkg: named.pkg, file: method.file };
    let value: Val = empty;
    const receiver = method.receiverName;
    if (!receiver) return empty;
    for (const statement of bodyStatements(method.body)) {
      const text = statement.map((tok) => tok.text);
      if (text[0] === '*' && text[1] === receiver && text[2] === '=') {
        value = cloneVal(this.evaluator.eval(parseExprTokens(statement.slice(3)), fnScope));
        if (value.k !== 'struct') value = empty;
      } else if (text[0] === receiver && text[1] === '.') {
        const eq = text.indexOf('=');
        const call = text.lastIndexOf('SetToDefault');
        if (eq > 0 && text[eq - 1] !== '!' && text[eq + 1] !== '=') {
          const path = text.slice(1, eq).filter((x) => x !== '.');
          if (path.every((p) => /^[A-Z]\w*$/.test(p))) {
            setValuePath(value, path, this.evaluator.eval(parseExprTokens(statement.slice(eq + 1)), fnScope));
          }
        } else if (call > 0 && text[call + 1] === '(') {
          const path = text.slice(1, call).filter((x) => x !== '.');
          const fieldType = this.fieldType(type, scope, path);
          if (fieldType) setValuePath(value, path, this.defaultsOf(fieldType.type, fieldType.scope));
        }
      } else if (text[0] === 'type' || text[0] === 'return' || text[0] === 'if') {
        // UnmarshalAlloy: stop at the decode call; what follows validates.
        if (method.name === 'UnmarshalAlloy' && text[0] === 'return') break;
      }
    }
    return value;
  }

  private fieldType(type: GoType, scope: Scope, path: string[]): { type: GoType; scope: Scope } | undefined {
    let current: { type: GoType; scope: Scope } = { type, scope };
    for (const name of path) {
      const struct = this.structOf(current.type, current.scope);
      const field = struct?.type.fields.find((f: GoField) => f.names.includes(name));
      if (!struct || !field) return undefined;
      current = { type: field.type, scope: struct.scope };
    }
    return current;
  }
}

export interface TaggedField {
  name: string;
  flags: Set<string>;
  type: GoType;
  scope: Scope;
  /** Go field names from the outer struct to this field (through squashed fields). */
  goPath: string[];
  field: GoField;
}

function compositeType(expr: GoExpr | undefined): GoType | undefined {
  if (!expr) return undefined;
  if (expr.kind === 'unary' && expr.op === '&') return compositeType(expr.x);
  if (expr.kind === 'composite') return expr.type;
  return undefined;
}

function pathValue(value: Val, path: string[]): Val | undefined {
  let current: Val | undefined = value;
  for (const name of path) {
    if (!current || current.k !== 'struct') return undefined;
    current = current.fields.get(name);
  }
  return current;
}

function cloneVal(value: Val): Val {
  if (value.k === 'struct') return { k: 'struct', fields: new Map([...value.fields].map(([k, v]) => [k, cloneVal(v)])) };
  return value;
}

export function emptyBlock(): SchemaBlock {
  return { args: {}, blocks: {} };
}

function stabilityName(goName: string): SchemaComponent['stability'] {
  if (goName.includes('Experimental')) return 'experimental';
  if (goName.includes('PublicPreview')) return 'public-preview';
  return 'generally-available';
}
