import type { Finding } from '../../types';
import type { LiteralExpr } from '../ast';
import { parseAlloyBytes, parseGoDuration } from '../../quantity';
import { type AlloyRule, rangeOf } from '../rule-context';
import { forEachKnownBlock, attributesOf } from './walk';

/**
 * Literal values of the wrong kind. Only literals are checked: a reference, a call such as
 * sys.env("X") or an expression is resolved at run time and left alone.
 */
export const invalidValue: AlloyRule = {
  id: 'alloy/invalid-value',
  defaultSeverity: 'error',
  doc: 'A literal value Alloy cannot decode for the argument: a duration that time.ParseDuration rejects ("5", "1d"), a byte size without a unit, a string where a number or bool belongs.',
  sources: [{ document: 'grafana/alloy docs', section: 'get-started/expressions/types_and_values' }],
  check(ctx) {
    const findings: Finding[] = [];
    forEachKnownBlock(ctx, ({ spec, block, path }) => {
      if (spec.open) return;
      for (const attribute of attributesOf(block)) {
        const arg = spec.args[attribute.name];
        if (!arg || !['string', 'number', 'bool'].includes(attribute.value.kind)) continue;
        const value = attribute.value as LiteralExpr;
        const where = `${path} ${attribute.name}`;
        let problem: string | undefined;
        switch (arg.type) {
          case 'duration': {
            const text = value.kind === 'number' ? String(value.value) : value.kind === 'string' ? String(value.value) : undefined;
            if (text === undefined) problem = `${where} must be a duration string such as "5s"`;
            else {
              const result = parseGoDuration(text);
              if (!result.ok) problem = `${where}: ${result.error}`;
              else if (value.kind === 'number' && result.value !== 0) problem = `${where} must be a duration string such as "${text}s"`;
            }
            break;
          }
          case 'bytes': {
            if (value.kind === 'string') {
              const result = parseAlloyBytes(String(value.value));
              if (!result.ok) problem = `${where}: ${result.error}`;
            } else if (value.kind === 'bool') problem = `${where} must be a size string such as "512MiB"`;
            break;
          }
          case 'number':
            if (value.kind === 'bool') problem = `${where} must be a number, not ${value.raw}`;
            else if (value.kind === 'string' && !/^-?\d+(\.\d+)?$/.test(String(value.value))) problem = `${where} must be a number, not ${value.raw}`;
            break;
          case 'bool':
            if (value.kind !== 'bool') problem = `${where} must be true or false, not ${value.raw}`;
            break;
          default:
            break;
        }
        if (problem) findings.push({ code: 'alloy/invalid-value', severity: 'error', message: `${problem}; Alloy refuses to load the config.`, range: rangeOf(ctx, value.span) });
      }
    });
    return findings;
  },
};
