import type { AnalysisContext } from '../context';
import type { Rule } from '../rule';
import type { ParsedDocument } from '../service';
import type { Range } from '../types';
import type { Span } from '../alloy/ast';
import type { HpaModel, WorkloadModel, YamlModel } from './model';
import type { Detection } from './detect';

export interface YamlParsed extends ParsedDocument {
  readonly format: 'k8s' | 'helm';
  readonly model: YamlModel;
}

export interface K8sRuleContext {
  parsed: YamlParsed;
  analysis: AnalysisContext;
  detections: Map<WorkloadModel | HpaModel, Detection>;
}

export type K8sRule = Rule<K8sRuleContext>;

export function rangeOf(ctx: K8sRuleContext, span: Span): Range {
  return ctx.parsed.lines.range(span.start, span.end);
}

export function describe(workload: WorkloadModel): string {
  return workload.kind === 'HelmValues' ? `values ${workload.valuesPath}` : `${workload.kind} ${workload.name}`;
}
