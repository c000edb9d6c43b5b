import type { AnalysisContext } from '../context';
import type { Rule } from '../rule';
import type { ParsedDocument } from '../service';
import type { TierChoice } from '../capacity/choose';
import type { Range } from '../types';
import type { Span } from '../alloy/ast';
import type { XmlDocument, XmlElement } from './xml';

export interface ClickHouseParsed extends ParsedDocument {
  readonly format: 'clickhouse';
  readonly xml: XmlDocument;
}

export interface PodMemory {
  bytes: number;
  from: string;
  uri?: string;
  range?: Range;
}

export interface ClickHouseRuleContext {
  parsed: ClickHouseParsed;
  analysis: AnalysisContext;
  tier?: TierChoice;
  /** Memory of the pod or host running this server: a ClickHouse workload in the workspace, else the tier. */
  pod?: PodMemory;
}

export type ClickHouseRule = Rule<ClickHouseRuleContext>;

export function rangeOf(ctx: ClickHouseRuleContext, span: Span): Range {
  return ctx.parsed.lines.range(span.start, span.end);
}

/** Top-level settings: direct children of the root element. */
export function topLevel(ctx: ClickHouseRuleContext, name: string): XmlElement | undefined {
  return ctx.parsed.xml.root?.children.find((c) => c.name === name);
}

/** Settings inside `<profiles><NAME>`, with the profile name. */
export function profileSettings(ctx: ClickHouseRuleContext): { profile: string; element: XmlElement }[] {
  const out: { profile: string; element: XmlElement }[] = [];
  for (const profiles of ctx.parsed.xml.root?.children.filter((c) => c.name === 'profiles') ?? []) {
    for (const profile of profiles.children) for (const element of profile.children) out.push({ profile: profile.name, element });
  }
  return out;
}
