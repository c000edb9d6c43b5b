// Shape of the committed component schema, server/src/core/alloy/schema/data/components.json, written by
// scripts/gen-alloy-schema.ts and read by components.ts.

/**
 * An Alloy type in the notation of Alloy's reference pages: `string`, `number`, `bool`, `duration`
 * (a Go duration string), `bytes` (a units.Base2Bytes string such as "512MiB"), `secret`,
 * `optional_secret` (a string or a secret, alloytypes.OptionalSecret), `any`,
 * `object`, `function`, `list(T)`, `map(T)`, `capsule(Name)` (`capsule(otelcol.Consumer)`,
 * `capsule(MetricsReceiver)`…). See alloy-types.ts `parseAlloyType`.
 */
export type AlloyTypeText = string;

/** `[version, default]`: the default used from that version on (oldest first); null when unknown. */
export type DefaultHistory = [string, string | null][];

/** What the schema knows of an argument (the generator's model, the committed data and the analysis share it). */
export interface ArgFacts {
  /** Alloy type notation, e.g. `duration`, `list(capsule(MetricsReceiver))`. */
  type: AlloyTypeText;
  required?: boolean;
  /** In Alloy syntax: `"200ms"`, `2000`, `true`, `[]`. */
  default?: string;
  /** Allowed values of a string argument. */
  enum?: string[];
  /** The allowed values come from the reference page only, not from the code that decodes the value. */
  enumFromDocs?: boolean;
  /** The argument to use instead (or `deprecated` when the docs name none). */
  deprecated?: string;
  /** Minor release that added it, e.g. `1.11`; absent when it is older than the oldest release read. */
  since?: string;
  /** Minor release that removed it. */
  removed?: string;
  /** Earlier defaults, oldest first. */
  defaults?: DefaultHistory;
}

/** An argument: just its type, or its type with the rest. */
export type DataArg = AlloyTypeText | ArgFacts;

export interface DataBlock {
  args?: Record<string, DataArg>;
  blocks?: Record<string, DataBlockUse>;
  labelled?: boolean;
}

/** A nested block where it is used: inline, or a reference to a shared block, with its use here. */
export interface DataBlockUse extends DataBlock {
  ref?: string;
  required?: boolean;
  repeatable?: boolean;
  ordered?: boolean;
  deprecated?: string;
  since?: string;
  removed?: string;
}

export interface DataComponent extends DataBlock {
  /** Reference page under docs/sources/reference/components/ (e.g. `otelcol/otelcol.processor.batch.md`). */
  page?: string;
  stability: 'ga' | 'public-preview' | 'experimental';
  community?: boolean;
  since?: string;
  removed?: string;
  exports: Record<string, AlloyTypeText>;
}

export interface SchemaData {
  $comment: string;
  /** The release the schema describes, e.g. `1.18.1`. */
  alloy: string;
  /** Commit of that release. */
  commit?: string;
  /** Minor releases whose code was compared for since/removed/defaults, oldest first (`1.0` … `1.18`). */
  versions: string[];
  shared: Record<string, DataBlock>;
  components: Record<string, DataComponent>;
  /**
   * Config blocks (logging, tracing, http, remotecfg, livedebugging, argument, export, foreach,
   * import.*), current release only; their nested blocks are inline (no shared references).
   */
  configBlocks: Record<string, DataComponent>;
}
