import type { Citation, Finding, Severity } from './types';

/**
 * A lint rule: one small module per rule, under its format's `rules/` folder.
 * `C` is the format's rule context (parsed document + analysis context).
 */
export interface Rule<C> {
  /** Full code as reported, `<format>/<rule>`. */
  readonly id: string;
  readonly defaultSeverity: Severity;
  /** One paragraph: what the rule checks and why, naming the source section of any number it uses. */
  readonly doc: string;
  readonly sources: readonly Citation[];
  check(ctx: C): Finding[];
}
