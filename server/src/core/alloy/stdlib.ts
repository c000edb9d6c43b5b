// Alloy's standard library as data: every function's parameters, return type and a one-line summary,
// for signature help, hover and semantic tokens.
//
// Source of every fact below: grafana/alloy v1.18.1 (commit 6012ec4ac6a541ade720777ecec2f2b02b496def):
//   - syntax/internal/stdlib/stdlib.go — the names (`Identifiers`, the per-namespace maps), the Go
//     function behind each name (which fixes the parameter and return types), `ExperimentalIdentifiers`
//     and `DeprecatedIdentifiers`;
//   - syntax/internal/stdlib/constants.go — the `constants` object;
//   - docs/sources/reference/stdlib/*.md — the parameter names where a page gives a usage line
//     (`string.format(spec, values...)`, `string.join(list, separator)`…), and the page each entry links to.
// Go types map to Alloy types as syntax/internal/value/type.go (AlloyType) does: string → string,
// []string / []any → list, map[string]any → object, any → any. A Go []byte result (the base64
// decoders) becomes a string where a string is expected (syntax/internal/value/decode.go, "[]byte -> string"),
// which is how the docs show it.

export interface StdlibParameter {
  name: string;
  type: string;
  /** Takes any number of values (Go `...T`, or a raw function reading all its arguments). */
  variadic?: boolean;
  optional?: boolean;
}

export interface StdlibFunction {
  /** Full name as written in a config: `string.format`, `coalesce`. */
  name: string;
  parameters: StdlibParameter[];
  returns: string;
  /** One line, in our words. */
  summary: string;
  /** The official reference page (and section). */
  docs: string;
  /**
   * Needs `--stability.level=experimental`: stdlib.go ExperimentalIdentifiers, checked against the
   * stability level by internal/validator/references.go and internal/runtime/internal/controller/component_references.go.
   */
  experimental?: boolean;
}

export interface StdlibConstant {
  name: string;
  type: string;
  summary: string;
  docs: string;
}

const PAGE = 'https://grafana.com/docs/alloy/latest/reference/stdlib/';
const p = (name: string, type: string, extra: Partial<StdlibParameter> = {}): StdlibParameter => ({ name, type, ...extra });

export const STDLIB_FUNCTIONS: readonly StdlibFunction[] = [
  // sys = { "env": os.Getenv } — func(key string) string; docs sys.md.
  { name: 'sys.env', parameters: [p('name', 'string')], returns: 'string',
    summary: 'The value of an environment variable of the Alloy process, or "" when it is not set.', docs: `${PAGE}sys/#sysenv` },

  // convert = { "nonsensitive": nonSensitive } — func(alloytypes.Secret) string; docs convert.md.
  { name: 'convert.nonsensitive', parameters: [p('secret', 'secret')], returns: 'string',
    summary: 'Turns a secret back into a plain string (shown in clear in the UI and API).', docs: `${PAGE}convert/#nonsensitive` },

  // encoding = { from_json: jsonDecode, from_yaml: yamlDecode, from_base64: base64Decode,
  // from_URLbase64: base64URLDecode, to_json: jsonEncode, to_base64: base64Encode,
  // to_URLbase64: base64URLEncode, url_encode: urlEncode, url_decode: urlDecode }; docs encoding.md.
  { name: 'encoding.from_json', parameters: [p('json', 'string')], returns: 'any',
    summary: 'Decodes a JSON document into an Alloy value; fails on invalid JSON.', docs: `${PAGE}encoding/#encodingfrom_json` },
  { name: 'encoding.from_yaml', parameters: [p('yaml', 'string')], returns: 'any',
    summary: 'Decodes a YAML document into an Alloy value; fails on invalid YAML.', docs: `${PAGE}encoding/#encodingfrom_yaml` },
  { name: 'encoding.from_base64', parameters: [p('encoded', 'string')], returns: 'string',
    summary: 'Decodes standard (RFC 4648) Base64; fails on invalid input.', docs: `${PAGE}encoding/#encodingfrom_base64` },
  { name: 'encoding.from_URLbase64', parameters: [p('encoded', 'string')], returns: 'string',
    summary: 'Decodes URL-safe (RFC 4648) Base64; fails on invalid input.', docs: `${PAGE}encoding/#encodingfrom_urlbase64` },
  // jsonEncode(in any): only a map[string]any is accepted ("jsonEncode only supports map").
  { name: 'encoding.to_json', parameters: [p('value', 'object')], returns: 'string',
    summary: 'Encodes an object as a JSON string.', docs: `${PAGE}encoding/#encodingto_json` },
  { name: 'encoding.to_base64', parameters: [p('text', 'string')], returns: 'string',
    summary: 'Encodes a string as standard (RFC 4648) Base64.', docs: `${PAGE}encoding/#encodingto_base64` },
  { name: 'encoding.to_URLbase64', parameters: [p('text', 'string')], returns: 'string',
    summary: 'Encodes a string as URL-safe (RFC 4648) Base64.', docs: `${PAGE}encoding/#encodingto_urlbase64` },
  // urlEncode = url.QueryEscape, urlDecode = url.QueryUnescape.
  { name: 'encoding.url_encode', parameters: [p('text', 'string')], returns: 'string',
    summary: 'Percent-encodes a string (RFC 3986) for use in a URL query.', docs: `${PAGE}encoding/#encodingurl_encode` },
  { name: 'encoding.url_decode', parameters: [p('encoded', 'string')], returns: 'string',
    summary: 'Decodes a percent-encoded (RFC 3986) string; fails on a malformed escape.', docs: `${PAGE}encoding/#encodingurl_decode` },

  // str = { format: fmt.Sprintf, join: strings.Join, replace: strings.ReplaceAll, split: strings.Split,
  // to_lower: strings.ToLower, to_upper: strings.ToUpper, trim: strings.Trim, trim_prefix:
  // strings.TrimPrefix, trim_suffix: strings.TrimSuffix, trim_space: strings.TrimSpace }; docs string.md.
  { name: 'string.format', parameters: [p('spec', 'string'), p('values', 'any', { variadic: true })], returns: 'string',
    summary: 'Formats values printf-style: one value per %-verb of the spec (%s, %d, %q, %v…).', docs: `${PAGE}string/#stringformat` },
  { name: 'string.join', parameters: [p('list', 'list(string)'), p('separator', 'string')], returns: 'string',
    summary: 'Joins the strings of a list with a separator between them.', docs: `${PAGE}string/#stringjoin` },
  { name: 'string.replace', parameters: [p('string', 'string'), p('substring', 'string'), p('replacement', 'string')], returns: 'string',
    summary: 'Replaces every occurrence of a substring.', docs: `${PAGE}string/#stringreplace` },
  { name: 'string.split', parameters: [p('string', 'string'), p('separator', 'string')], returns: 'list(string)',
    summary: 'Splits a string at every occurrence of a separator.', docs: `${PAGE}string/#stringsplit` },
  { name: 'string.to_lower', parameters: [p('string', 'string')], returns: 'string',
    summary: 'Lower-cases every letter of a string.', docs: `${PAGE}string/#stringto_lower` },
  { name: 'string.to_upper', parameters: [p('string', 'string')], returns: 'string',
    summary: 'Upper-cases every letter of a string.', docs: `${PAGE}string/#stringto_upper` },
  { name: 'string.trim', parameters: [p('string', 'string'), p('str_character_set', 'string')], returns: 'string',
    summary: 'Removes any of the given characters from both ends of a string.', docs: `${PAGE}string/#stringtrim` },
  { name: 'string.trim_prefix', parameters: [p('string', 'string'), p('prefix', 'string')], returns: 'string',
    summary: 'Removes a prefix when the string starts with it.', docs: `${PAGE}string/#stringtrim_prefix` },
  { name: 'string.trim_suffix', parameters: [p('string', 'string'), p('suffix', 'string')], returns: 'string',
    summary: 'Removes a suffix when the string ends with it.', docs: `${PAGE}string/#stringtrim_suffix` },
  { name: 'string.trim_space', parameters: [p('string', 'string')], returns: 'string',
    summary: 'Removes white space from both ends of a string.', docs: `${PAGE}string/#stringtrim_space` },

  // array = { concat (raw function: every argument must be an array), combine_maps (3 or 4 arguments),
  // group_by (exactly 3) }; combine_maps and group_by are in ExperimentalIdentifiers; docs array.md.
  { name: 'array.concat', parameters: [p('lists', 'list(any)', { variadic: true })], returns: 'list(any)',
    summary: 'Concatenates lists into one list.', docs: `${PAGE}array/#arrayconcat` },
  { name: 'array.combine_maps',
    parameters: [p('left', 'list(object)'), p('right', 'list(object)'), p('keys', 'list(string)'), p('passthrough', 'bool', { optional: true })],
    returns: 'list(object)', experimental: true,
    summary: 'Joins two lists of objects on equal values of the given keys (the right one wins on a clash); with passthrough, unmatched left items are kept.',
    docs: `${PAGE}array/#arraycombine_maps` },
  { name: 'array.group_by', parameters: [p('list', 'list(object)'), p('key', 'string'), p('drop_missing', 'bool')],
    returns: 'list(object)', experimental: true,
    summary: 'Groups objects by the string value of a key into `{<key> = value, items = [...]}` objects.', docs: `${PAGE}array/#arraygroup_by` },

  // file = { "path_join": filepath.Join } — func(elem ...string) string; docs file.md.
  { name: 'file.path_join', parameters: [p('elements', 'string', { variadic: true })], returns: 'string',
    summary: 'Joins path elements with the separator of the operating system.', docs: `${PAGE}file/#filepath_join` },

  // coalesce (raw function, any number of arguments); docs coalesce.md.
  { name: 'coalesce', parameters: [p('values', 'any', { variadic: true })], returns: 'any',
    summary: 'The first argument that is not null, "", [] or {}; the last argument when all are empty.', docs: `${PAGE}coalesce/` },
  // jsonPath(jsonString string, path string) ([]any, error); docs json_path.md.
  { name: 'json_path', parameters: [p('json', 'string'), p('path', 'string')], returns: 'list(any)',
    summary: 'The values a JSONPath expression selects in a JSON document (always a list).', docs: `${PAGE}json_path/` },
];

// constants = { hostname, os (runtime.GOOS), arch (runtime.GOARCH), version } — constants.go; docs constants.md.
export const STDLIB_CONSTANTS: readonly StdlibConstant[] = [
  { name: 'constants.hostname', type: 'string', summary: 'The host name of the machine Alloy runs on.', docs: `${PAGE}constants/` },
  { name: 'constants.os', type: 'string', summary: 'The operating system Alloy runs on (Go\'s GOOS, e.g. "linux").', docs: `${PAGE}constants/` },
  { name: 'constants.arch', type: 'string', summary: 'The CPU architecture Alloy runs on (Go\'s GOARCH, e.g. "amd64").', docs: `${PAGE}constants/` },
  { name: 'constants.version', type: 'string', summary: 'The version of the running Alloy, "v"-prefixed.', docs: `${PAGE}constants/` },
];

/** stdlib.go DeprecatedIdentifiers: top-level names kept for the namespaced function they alias. */
export const DEPRECATED_ALIASES: Readonly<Record<string, string>> = {
  env: 'sys.env', nonsensitive: 'convert.nonsensitive', concat: 'array.concat', json_decode: 'encoding.from_json',
  yaml_decode: 'encoding.from_yaml', base64_decode: 'encoding.from_base64', format: 'string.format', join: 'string.join',
  replace: 'string.replace', split: 'string.split', to_lower: 'string.to_lower', to_upper: 'string.to_upper',
  trim: 'string.trim', trim_prefix: 'string.trim_prefix', trim_suffix: 'string.trim_suffix', trim_space: 'string.trim_space',
};

const FUNCTIONS = new Map(STDLIB_FUNCTIONS.map((f) => [f.name, f]));
const CONSTANTS = new Map(STDLIB_CONSTANTS.map((c) => [c.name, c]));

/** The top-level names the standard library defines (stdlib.go Identifiers). */
export const STDLIB_ROOTS: ReadonlySet<string> = new Set([
  ...STDLIB_FUNCTIONS.map((f) => f.name.split('.')[0]), 'constants', ...Object.keys(DEPRECATED_ALIASES),
]);

export type StdlibEntry =
  | { kind: 'function'; fn: StdlibFunction; deprecatedAlias?: string }
  | { kind: 'constant'; constant: StdlibConstant };

/** The standard-library function or constant a dotted name denotes (`sys.env`, `env`, `constants.os`). */
export function lookupStdlib(name: string): StdlibEntry | undefined {
  const fn = FUNCTIONS.get(name);
  if (fn) return { kind: 'function', fn };
  const aliased = DEPRECATED_ALIASES[name];
  if (aliased) return { kind: 'function', fn: FUNCTIONS.get(aliased)!, deprecatedAlias: name };
  const constant = CONSTANTS.get(name);
  return constant && { kind: 'constant', constant };
}

/**
 * `string.format(spec: string, ...values: any) → string`, with where each parameter sits in it
 * (signature help highlights the active one).
 */
export function signatureOf(fn: StdlibFunction, calledAs = fn.name): { label: string; parameters: [number, number][] } {
  let label = `${calledAs}(`;
  const parameters: [number, number][] = [];
  fn.parameters.forEach((param, index) => {
    if (index > 0) label += ', ';
    const text = `${param.variadic ? '...' : ''}${param.name}${param.optional ? '?' : ''}: ${param.type}`;
    parameters.push([label.length, label.length + text.length]);
    label += text;
  });
  label += `) → ${fn.returns}`;
  return { label, parameters };
}

/** Markdown for a hover or the documentation of a signature. */
export function stdlibMarkdown(entry: StdlibEntry, withSignature: boolean): string {
  if (entry.kind === 'constant') {
    const { constant } = entry;
    return [`\`\`\`\n${constant.name}: ${constant.type}\n\`\`\``, '', constant.summary, '', `[${constant.name} reference](${constant.docs})`].join('\n');
  }
  const { fn, deprecatedAlias } = entry;
  const lines: string[] = [];
  if (withSignature) lines.push(`\`\`\`\n${signatureOf(fn, deprecatedAlias ?? fn.name).label}\n\`\`\``, '');
  lines.push(fn.summary);
  if (deprecatedAlias) lines.push('', `\`${deprecatedAlias}\` is a deprecated alias: write \`${fn.name}\`.`);
  if (fn.experimental) lines.push('', 'Experimental: Alloy accepts it only with `--stability.level=experimental`.');
  lines.push('', `[${fn.name} reference](${fn.docs})`);
  return lines.join('\n');
}
