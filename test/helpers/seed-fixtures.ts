import { expectOnLines, seedCodeBlock } from './shared';

// Test inputs taken from the capacity-planning documents at test time (never copied into the project):
// each is a seed's code block, verbatim, behind the directive that names its workload and tier, with
// the verdict marked on the lines it concerns.

export interface SeedFixture {
  name: string;
  text: string;
}

/**
 * Seed 004's Helm values, gathered from its Component Scaling and Agent Tuning sections. The gateway
 * runs the enterprise profile; the guide sets GOMEMLIMIT=1800MiB for it only in its environment
 * variable table, not in these values.
 */
export function seed004Values(): SeedFixture {
  const gateway = expectOnLines(seedCodeBlock('004', 'Gateway Scaling', 'yaml'), '#', [
    { match: 'memory: 2Gi', codes: ['k8s/gomemlimit-missing'] },
  ]);
  const text = [
    '# headroom: workload=gateway tier=enterprise',
    gateway,
    '# headroom: workload=clickhouse tier=enterprise',
    seedCodeBlock('004', 'ClickHouse Scaling', 'yaml'),
    seedCodeBlock('004', 'PostgreSQL Scaling', 'yaml'),
    seedCodeBlock('004', 'Redpanda Scaling', 'yaml'),
    seedCodeBlock('004', 'Agent Tuning for High Log Volume', 'yaml'),
  ].join('\n');
  return { name: 'seed-004-values.yaml', text };
}

/**
 * Seed 004's "ClickHouse Server Tuning" block, for its 16Gi enterprise pod. Four settings are at the wrong
 * level: three user-level settings stop the server (errors); async_insert_busy_timeout_ms is an alias of
 * async_insert_busy_timeout_max_ms, accepted there and without effect (a warning). The background pools and
 * async_insert_threads are server settings.
 */
export function seed004ClickHouseXml(): SeedFixture {
  const xml = expectOnLines(seedCodeBlock('004', 'ClickHouse Scaling', 'xml'), '<!--', [
    { match: '<max_memory_usage>', codes: ['clickhouse/setting-wrong-level'] },
    { match: '<async_insert>', codes: ['clickhouse/setting-wrong-level'] },
    { match: '<async_insert_max_data_size>', codes: ['clickhouse/setting-wrong-level'] },
    { match: '<async_insert_busy_timeout_ms>', codes: ['clickhouse/setting-wrong-level'] },
  ]);
  return { name: 'seed-004-config.xml', text: `<!-- headroom: workload=clickhouse tier=enterprise -->\n${xml}` };
}

/** Seed 000's "River Configuration" snippet, verbatim. */
export function seed000River(): SeedFixture {
  return { name: 'seed-000.alloy', text: seedCodeBlock('000', 'River Configuration', 'hcl') };
}
