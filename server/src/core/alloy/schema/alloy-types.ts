// Alloy value types in the notation of the reference pages (`list(map(string))`,
// `capsule(otelcol.Consumer)`…) and the conversions Alloy performs when it decodes a value into an
// argument: grafana/alloy v1.18.1 syntax/internal/value/value.go `convertValue` (a number converts to
// a string, a numeric string to a number, nothing else converts) and decode.go (a duration is a string
// read by time.ParseDuration; sizes are strings read by units.ParseBase2Bytes).

export type AlloyType =
  | { kind: 'string' | 'number' | 'bool' | 'duration' | 'bytes' | 'secret' | 'optional_secret' | 'any' | 'object' | 'function' | 'null' }
  | { kind: 'list'; elem: AlloyType }
  | { kind: 'map'; value: AlloyType }
  | { kind: 'capsule'; name: string };

const cache = new Map<string, AlloyType>();

export function parseAlloyType(text: string): AlloyType {
  let type = cache.get(text);
  if (!type) {
    type = parse(text.trim());
    cache.set(text, type);
  }
  return type;
}

function parse(text: string): AlloyType {
  const m = /^(list|map|capsule)\((.*)\)$/.exec(text);
  if (m) {
    if (m[1] === 'list') return { kind: 'list', elem: parse(m[2]) };
    if (m[1] === 'map') return { kind: 'map', value: parse(m[2]) };
    return { kind: 'capsule', name: m[2] };
  }
  switch (text) {
    case 'string': case 'number': case 'bool': case 'duration': case 'bytes': case 'secret': case 'optional_secret': case 'object': case 'function': case 'null':
      return { kind: text };
    default:
      return { kind: 'any' };
  }
}

/** How a type reads in a message: `list(MetricsReceiver)`, `duration`. */
export function formatAlloyType(type: AlloyType): string {
  switch (type.kind) {
    case 'list': return `list(${formatAlloyType(type.elem)})`;
    case 'map': return `map(${formatAlloyType(type.value)})`;
    case 'capsule': return type.name;
    case 'optional_secret': return 'string or secret';
    default: return type.kind;
  }
}

/** The type in schema notation (`capsule(otelcol.Consumer)`), the inverse of parseAlloyType. */
export function alloyTypeText(type: AlloyType): string {
  switch (type.kind) {
    case 'list': return `list(${alloyTypeText(type.elem)})`;
    case 'map': return `map(${alloyTypeText(type.value)})`;
    case 'capsule': return `capsule(${type.name})`;
    default: return type.kind;
  }
}

/** Capsule types that carry telemetry to a component (what a pipeline's wiring is made of). */
export const RECEIVER_CAPSULES = new Set(['otelcol.Consumer', 'MetricsReceiver', 'LogsReceiver', 'ProfilesReceiver']);

/**
 * Whether a value of type `from` can be decoded into `to`, as far as the types tell: false only when
 * Alloy certainly reports "expected X, got Y". Unknown (`any`) on either side passes.
 */
export function assignable(from: AlloyType, to: AlloyType): boolean {
  // An optional secret holds a string unless it was marked sensitive: only its use decides.
  if (from.kind === 'any' || to.kind === 'any' || from.kind === 'null' || from.kind === 'optional_secret') return true;
  switch (to.kind) {
    case 'string': case 'duration': case 'bytes':
      return ['string', 'duration', 'bytes', 'number'].includes(from.kind);
    case 'secret': case 'optional_secret':
      // A string or a secret (syntax/alloytypes/secret.go ConvertFrom); numbers convert to strings first.
      return ['string', 'duration', 'bytes', 'number', 'secret'].includes(from.kind);
    case 'number':
      return from.kind === 'number' || from.kind === 'string';
    case 'bool':
      return from.kind === 'bool';
    case 'list':
      return from.kind === 'list' && assignable(from.elem, to.elem);
    case 'map':
      return (from.kind === 'map' && assignable(from.value, to.value)) || from.kind === 'object';
    case 'object':
      return from.kind === 'map' || from.kind === 'object';
    case 'capsule':
      if (from.kind !== 'capsule') return false;
      return from.name === to.name;
    case 'function':
      return from.kind === 'function';
    default:
      return true;
  }
}
