import type { Expr, LiteralExpr, Span } from '../ast';
import type { ExprTyper } from '../expr-types';
import { type AlloyType, assignable, formatAlloyType, parseAlloyType } from '../schema/alloy-types';
import { parseAlloyBytes, parseGoDuration } from '../../quantity';

// What is wrong with a value given to an argument, following how Alloy decodes it (grafana/alloy
// v1.18.1 syntax/internal/value/value.go convertValue, decode.go): a number converts to a string, a
// numeric string to a number, nothing else converts ("expected bool, got string"); a duration is a
// string read by Go's time.ParseDuration and a size a string read by units.ParseBase2Bytes, so "1d" or
// "1000" fail when the component decodes them.

export interface ValueProblem {
  /** `wrong-type`: Alloy's "expected X, got Y"; `invalid-value`: the right kind, but it cannot be decoded. */
  kind: 'wrong-type' | 'invalid-value';
  span: Span;
  message: string;
  /** A replacement for `span` that fixes it, when there is an obvious one. */
  replacement?: string;
}

function describe(expr: Expr, type: AlloyType): string {
  if (expr.kind === 'string' || expr.kind === 'number' || expr.kind === 'bool') return `${expr.kind === 'string' ? 'the string' : expr.kind === 'number' ? 'the number' : 'the bool'} ${expr.raw}`;
  if (expr.kind === 'array') return 'a list';
  if (expr.kind === 'object') return 'an object';
  return `a ${formatAlloyType(type)}`;
}

function literalProblem(value: LiteralExpr, type: AlloyType): ValueProblem | undefined {
  const wrong = (replacement?: string): ValueProblem => ({
    kind: 'wrong-type', span: value.span, replacement,
    message: `takes ${formatAlloyType(type)}, not ${describe(value, type)} (Alloy: "expected ${formatAlloyType(type)}, got ${value.kind === 'bool' ? 'bool' : value.kind}")`,
  });
  switch (type.kind) {
    case 'string': case 'secret': case 'optional_secret':
      return value.kind === 'bool' ? wrong() : undefined;
    case 'duration': {
      if (value.kind === 'bool') return wrong();
      const text = String(value.value);
      const result = parseGoDuration(text);
      if (value.kind === 'number' && value.value !== 0) return { kind: 'invalid-value', span: value.span, message: `must be a duration string such as "${text}s": the number ${value.raw} becomes "${text}", which has no unit` };
      if (!result.ok) return { kind: 'invalid-value', span: value.span, message: result.error };
      return undefined;
    }
    case 'bytes': {
      if (value.kind === 'bool') return wrong();
      const text = String(value.value);
      if (value.kind === 'number' && value.value !== 0) return { kind: 'invalid-value', span: value.span, message: `must be a size string such as "${text}MiB": the number ${value.raw} becomes "${text}", which has no unit` };
      const result = parseAlloyBytes(text);
      if (!result.ok) return { kind: 'invalid-value', span: value.span, message: result.error };
      return undefined;
    }
    case 'number':
      if (value.kind === 'bool') return wrong();
      if (value.kind === 'string' && !/^-?\d+(\.\d*)?([eE][-+]?\d+)?$/.test(String(value.value))) {
        return { kind: 'invalid-value', span: value.span, message: `must be a number, not ${value.raw}` };
      }
      return undefined;
    case 'bool':
      if (value.kind === 'string' && (value.value === 'true' || value.value === 'false')) return wrong(String(value.value));
      return value.kind === 'bool' ? undefined : wrong();
    case 'list':
      return wrong(value.kind === 'string' && type.elem.kind !== 'capsule' ? `[${value.raw}]` : undefined);
    case 'map': case 'object': case 'capsule': case 'function':
      return wrong();
    default:
      return undefined;
  }
}

/** Every problem of `expr` as a value of type `typeText` (elements of lists and fields of maps included). */
export function valueProblems(expr: Expr, typeText: string, typer: ExprTyper): ValueProblem[] {
  return check(expr, parseAlloyType(typeText), typer, 0);
}

function check(expr: Expr, type: AlloyType, typer: ExprTyper, depth: number): ValueProblem[] {
  if (type.kind === 'any' || depth > 20) return [];
  switch (expr.kind) {
    case 'string': case 'number': case 'bool': {
      const problem = literalProblem(expr, type);
      return problem ? [problem] : [];
    }
    case 'null': case 'error':
      return [];
    case 'paren':
      return check(expr.inner, type, typer, depth + 1);
    case 'array':
      if (type.kind === 'list') return expr.elements.flatMap((e) => check(e, type.elem, typer, depth + 1));
      return [{ kind: 'wrong-type', span: expr.span, message: `takes ${formatAlloyType(type)}, not a list (Alloy: "expected ${formatAlloyType(type)}, got array")` }];
    case 'object':
      if (type.kind === 'map') return expr.fields.flatMap((f) => check(f.value, type.value, typer, depth + 1));
      if (type.kind === 'object') return [];
      return [{ kind: 'wrong-type', span: expr.span, message: `takes ${formatAlloyType(type)}, not an object (Alloy: "expected ${formatAlloyType(type)}, got object")` }];
    default: {
      const actual = typer.typeOf(expr);
      if (assignable(actual, type)) return [];
      const reference = typer.reference(expr);
      const what = reference?.exportName ? `${reference.key}.${reference.exportName}${reference.rest.length ? '…' : ''} is ${article(formatAlloyType(actual))}` : `this ${expr.kind === 'call' ? 'call returns' : 'value is'} ${article(formatAlloyType(actual))}`;
      const secret = actual.kind === 'secret' && ['string', 'duration', 'bytes'].includes(type.kind) ? '; a secret cannot be used as a string: wrap it in convert.nonsensitive(…) if it is not sensitive' : '';
      return [{ kind: 'wrong-type', span: expr.span, message: `takes ${formatAlloyType(type)}, but ${what}${secret}` }];
    }
  }
}

function article(type: string): string {
  return `${/^[aeiou]/i.test(type) ? 'an' : 'a'} ${type}`;
}
