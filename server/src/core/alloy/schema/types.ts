// Shapes of the Alloy component schema (data in components.ts).

/** `duration` and `bytes` are strings Alloy parses (Go durations, units.Base2Bytes). */
export type ArgType = 'string' | 'number' | 'bool' | 'duration' | 'bytes' | 'list' | 'map' | 'capsule' | 'secret' | 'any';

export interface ArgSpec {
  type: ArgType;
  /** As Alloy documents it, e.g. `"200ms"`, `2000`, `true`. */
  default?: string | number | boolean;
  required?: boolean;
  doc: string;
}

export interface BlockSpec {
  doc: string;
  required?: boolean;
  /** May appear more than once (e.g. `endpoint` in prometheus.remote_write). */
  repeatable?: boolean;
  args: Record<string, ArgSpec>;
  blocks: Record<string, BlockSpec>;
  /**
   * The block's contents are not fully listed here (auth and TLS blocks shared by many components),
   * so nothing inside it is flagged as unknown.
   */
  open?: boolean;
}

export interface ComponentSpec extends BlockSpec {
  name: string;
  /** Path of its reference page in grafana/alloy, under docs/sources/reference/components/. */
  docs: string;
  exports: Record<string, string>;
}
