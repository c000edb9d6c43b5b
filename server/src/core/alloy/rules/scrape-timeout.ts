import type { Finding } from '../../types';
import { formatDuration } from '../../quantity';
import { type AlloyRule, componentsNamed, headerOf, rangeOf, replaceFix } from '../rule-context';
import { durationArg, known } from './values';

export const scrapeTimeout: AlloyRule = {
  id: 'alloy/scrape-timeout',
  scope: 'block',
  defaultSeverity: 'error',
  doc: 'prometheus.scrape: scrape_timeout greater than scrape_interval is rejected ("scrape_timeout (...) greater than scrape_interval (...)"). Defaults: interval 60s, timeout 10s.',
  sources: [{ document: 'grafana/alloy docs', section: 'prometheus.scrape > Arguments' }],
  check(ctx) {
    const findings: Finding[] = [];
    for (const block of componentsNamed(ctx, 'prometheus.scrape')) {
      const interval = durationArg(block, 'scrape_interval', 60_000);
      const timeout = durationArg(block, 'scrape_timeout', 10_000);
      if (!known(interval) || !known(timeout) || timeout.value <= interval.value) continue;
      const span = timeout.state === 'set' ? timeout.attribute.span : interval.state === 'set' ? interval.attribute.span : block.nameSpan;
      const fixes = timeout.state === 'set'
        ? [replaceFix(ctx, `Set scrape_timeout = "${formatDuration(interval.value)}"`, timeout.attribute.value.span, `"${formatDuration(interval.value)}"`)]
        : [];
      findings.push({
        code: this.id,
        severity: 'error',
        message: `${headerOf(block)}: scrape_timeout ${formatDuration(timeout.value)}${timeout.state === 'default' ? ' (default)' : ''} is greater than scrape_interval ${formatDuration(interval.value)}; Alloy rejects it. Make the timeout at most the interval.`,
        range: rangeOf(ctx, span),
        fixes,
      });
    }
    return findings;
  },
};
