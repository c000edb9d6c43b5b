import type { Finding } from '../../types';
import { type AlloyRule, type AlloyRuleContext, rangeOf, replaceFix } from '../rule-context';
import { attributesOf, forEachKnownBlock } from './walk';
import { type ValueProblem, valueProblems } from './value-check';

const problems = new WeakMap<AlloyRuleContext, { problem: ValueProblem; where: string; name: string }[]>();

/** Value problems of every attribute of every known block, found once per lint for both rules. */
function allProblems(ctx: AlloyRuleContext): { problem: ValueProblem; where: string; name: string }[] {
  let out = problems.get(ctx);
  if (out) return out;
  out = [];
  forEachKnownBlock(ctx, ({ spec, block, where }) => {
    if (spec.open) return;
    for (const attribute of attributesOf(block)) {
      const arg = spec.args[attribute.name];
      if (!arg) continue;
      for (const problem of valueProblems(attribute.value, arg.type, ctx.typer)) out!.push({ problem, where, name: attribute.name });
    }
  });
  problems.set(ctx, out);
  return out;
}

function problemsOfKind(ctx: AlloyRuleContext, kind: ValueProblem['kind'], code: string): Finding[] {
  const findings: Finding[] = [];
  for (const { problem, where, name } of allProblems(ctx)) {
    if (problem.kind !== kind) continue;
    findings.push({
      code,
      severity: 'error',
      message: `${where} ${name} ${problem.message}; Alloy refuses to load the config.`,
      range: rangeOf(ctx, problem.span),
      fixes: problem.replacement !== undefined ? [replaceFix(ctx, `Change to ${problem.replacement}`, problem.span, problem.replacement)] : [],
    });
  }
  return findings;
}

export const invalidValue: AlloyRule = {
  id: 'alloy/invalid-value',
  scope: 'block',
  defaultSeverity: 'error',
  doc: 'A value of the right kind that Alloy cannot decode for the argument: a duration that Go\'s time.ParseDuration rejects ("1d", or a bare number such as 5), a size without a unit ("1000"), a string that is not a number where a number belongs.',
  sources: [{ document: 'grafana/alloy v1.18.1', section: 'syntax/internal/value/decode.go; docs/sources/get-started/expressions/types_and_values.md' }],
  check(ctx) {
    return problemsOfKind(ctx, 'invalid-value', this.id);
  },
};

export const wrongType: AlloyRule = {
  id: 'alloy/wrong-type',
  scope: 'block',
  defaultSeverity: 'error',
  doc: 'A value of the wrong type for the argument: a string where a list is needed, a bool where a number is, a reference to an export of another type (an otelcol.Consumer in a forward_to that takes MetricsReceiver values), a secret where a string is. Alloy refuses to load the config ("expected X, got Y").',
  sources: [{ document: 'grafana/alloy v1.18.1', section: 'syntax/internal/value/value.go convertValue' }],
  check(ctx) {
    return problemsOfKind(ctx, 'wrong-type', this.id);
  },
};
