import type { BlockStmt, Expr, Span } from './ast';
import { referencePath } from './ast';
import type { ComponentIndex } from './components';
import type { ComponentResolver } from './modules';
import type { ComponentSpec } from './schema/types';
import { type AlloyType, parseAlloyType } from './schema/alloy-types';

// The static type of an Alloy expression, as far as it can be told without evaluating it: literals,
// arrays and objects, references to component exports (typed by the schema or the declare block), and
// the standard library functions whose result type is fixed. Everything else is `any`.

/**
 * Result types of standard library functions (grafana/alloy v1.18.1 docs/sources/reference/stdlib/*.md),
 * deprecated top-level aliases included (syntax/internal/stdlib/stdlib.go DeprecatedIdentifiers).
 */
const STDLIB_RESULTS: Record<string, string> = {
  'sys.env': 'string', env: 'string',
  'convert.nonsensitive': 'string', nonsensitive: 'string',
  'string.format': 'string', format: 'string',
  'string.join': 'string', join: 'string',
  'string.replace': 'string', replace: 'string',
  'string.split': 'list(string)', split: 'list(string)',
  'string.to_lower': 'string', to_lower: 'string',
  'string.to_upper': 'string', to_upper: 'string',
  'string.trim': 'string', trim: 'string',
  'string.trim_prefix': 'string', trim_prefix: 'string',
  'string.trim_suffix': 'string', trim_suffix: 'string',
  'string.trim_space': 'string', trim_space: 'string',
  'encoding.from_base64': 'string', base64_decode: 'string',
  'encoding.from_URLbase64': 'string',
  'encoding.to_base64': 'string', 'encoding.to_URLbase64': 'string', 'encoding.to_json': 'string',
  'encoding.url_encode': 'string', 'encoding.url_decode': 'string',
  'file.path_join': 'string',
  'array.concat': 'list(any)', concat: 'list(any)',
  'array.combine_maps': 'list(any)', 'array.group_by': 'list(any)',
  json_path: 'list(any)',
};

/** `constants.*` values (docs/sources/reference/stdlib/constants.md). */
const CONSTANTS = new Set(['hostname', 'os', 'arch', 'version']);

export interface ExportReference {
  key: string;
  block: BlockStmt;
  /** The export named after the label, if any. */
  exportName?: string;
  /** Span of `name.label` and of the export name. */
  componentSpan: Span;
  exportSpan?: Span;
  /** Parts after the export (`targets[0]` has none; `data.key` has `key`). */
  rest: string[];
  spec?: ComponentSpec;
  /** The component comes from a module Headroom cannot read: its exports are not checked. */
  open: boolean;
}

export class ExprTyper {
  constructor(private readonly index: ComponentIndex, private readonly modules: () => ComponentResolver) {}

  private readonly references = new WeakMap<Expr, ExportReference | null>();

  /** A reference to a component of this file, with what its spec says about the export. */
  reference(expr: Expr): ExportReference | undefined {
    let found = this.references.get(expr);
    if (found === undefined) {
      found = this.findReference(expr) ?? null;
      this.references.set(expr, found);
    }
    return found ?? undefined;
  }

  private findReference(expr: Expr): ExportReference | undefined {
    const path = referencePath(expr);
    if (!path || path.parts.length < 2) return undefined;
    for (let end = path.parts.length; end >= 2; end--) {
      const key = path.parts.slice(0, end).join('.');
      const block = this.index.components.get(key);
      if (!block) continue;
      const resolution = this.modules().resolve(block.name);
      return {
        key,
        block,
        exportName: path.parts[end],
        componentSpan: { start: path.spans[0].start, end: path.spans[end - 1].end },
        exportSpan: path.spans[end],
        rest: path.parts.slice(end + 1),
        spec: resolution.kind === 'builtin' || resolution.kind === 'declare' ? resolution.spec : undefined,
        open: resolution.kind === 'open',
      };
    }
    return undefined;
  }

  typeOf(expr: Expr, depth = 0): AlloyType {
    if (depth > 50) return { kind: 'any' };
    switch (expr.kind) {
      case 'string': return { kind: 'string' };
      case 'number': return { kind: 'number' };
      case 'bool': return { kind: 'bool' };
      case 'null': return { kind: 'null' };
      case 'paren': return this.typeOf(expr.inner, depth + 1);
      case 'array': {
        const elems = expr.elements.map((e) => this.typeOf(e, depth + 1));
        const first = elems[0];
        const same = first && elems.every((e) => JSON.stringify(e) === JSON.stringify(first));
        return { kind: 'list', elem: same ? first : { kind: 'any' } };
      }
      case 'object': return { kind: 'object' };
      case 'unary': return expr.operator === '!' ? { kind: 'bool' } : { kind: 'number' };
      case 'binary':
        if (['||', '&&', '==', '!=', '<', '<=', '>', '>='].includes(expr.operator)) return { kind: 'bool' };
        return { kind: 'any' };
      case 'call': {
        const callee = referencePath(expr.callee)?.parts.join('.');
        const result = callee ? STDLIB_RESULTS[callee] : undefined;
        return result ? parseAlloyType(result) : { kind: 'any' };
      }
      case 'index': {
        const object = this.typeOf(expr.object, depth + 1);
        if (object.kind === 'list') return object.elem;
        if (object.kind === 'map') return object.value;
        return { kind: 'any' };
      }
      case 'identifier':
      case 'access': {
        const path = referencePath(expr);
        if (path && path.parts[0] === 'constants' && path.parts.length === 2 && CONSTANTS.has(path.parts[1])) return { kind: 'string' };
        const reference = this.reference(expr);
        if (!reference?.spec || !reference.exportName) return { kind: 'any' };
        const exportType = reference.spec.exports[reference.exportName];
        if (!exportType) return { kind: 'any' };
        let type = parseAlloyType(exportType);
        for (let i = 0; i < reference.rest.length; i++) type = type.kind === 'map' ? type.value : { kind: 'any' };
        return type;
      }
      default:
        return { kind: 'any' };
    }
  }
}
