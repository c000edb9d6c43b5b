import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  OPERATOR_CPU_BY_VOLUMES, OPERATOR_MEMORY_BY_VOLUMES, OTLP_RPS_BY_MEMORY, SORTER_RPS_BY_MEMORY, benchmarkThroughput, calculateMemoryMb,
  calculateServerCapacity, clickhouseMemoryGb, clickhouseRetentionHours, clickhouseStorageGb, costPerMillionMetrics, gatewayCapacity,
  gatewayReplicas, infrastructureNodes, ingestionServers, interpolate, rowsOf, metricsPerSecond, operatorRequests, operatorVolumesFor,
} from '../../../server/src/core/capacity/formulas';
import { FORMULA_001, NIC } from '../../../server/src/core/capacity/seeds/seed-001';

// Each test reproduces a worked example printed in the seed document the formula comes from. Where the
// document's arithmetic is wrong, the test asserts the recomputed value and the printed one.

const GiB = 2 ** 30;
const MiB = 2 ** 20;

test('seed 004: gateway replicas = ceil(agents / 20) + 1: 6 for 100 agents, where its table runs 5', () => {
  assert.deepEqual(gatewayReplicas(100), { required: 5, withHeadroom: 6 });
  assert.deepEqual(gatewayReplicas(10), { required: 1, withHeadroom: 2 });
  assert.deepEqual(gatewayReplicas(21), { required: 2, withHeadroom: 3 });
  assert.deepEqual(gatewayCapacity(5), { agents: 100, rps: 100_000 });
});

test('seed 004: ClickHouse memory for 100k log rows/s is 7 GB by the formula (its table gives 16Gi)', () => {
  assert.equal(clickhouseMemoryGb(100_000), 7);
  assert.equal(clickhouseMemoryGb(0), 2);
  assert.equal(clickhouseMemoryGb(10_000), 2.5);
});

test('seed 004: (100000 × 86400 × 500 × 0.15) / 1e9 = 648 GB/day; the enterprise 100Gi volume holds ≈ 4 hours of it', () => {
  assert.equal(clickhouseStorageGb(100_000, 86_400, 500, 0.15), 648);
  assert.equal(clickhouseRetentionHours(100 * GiB).toFixed(2), '3.98');
  assert.equal(clickhouseRetentionHours(648e9), 24);
  assert.equal(clickhouseRetentionHours(648e9, 50_000), 48);
});

test('seed 001: 100,000 RPS at 10,000 per server: 10 servers, 12 with redundancy at 83%', () => {
  const { required, withRedundancy, utilization } = ingestionServers(100_000);
  assert.equal(required, 10);
  assert.equal(withRedundancy, 12);
  assert.equal(Math.round(utilization * 100), 83);
  assert.equal(ingestionServers(100_001).required, 11);
});

test('seed 001 calculate_server_capacity(8, 3.5, 50000): printed ~10,000 RPS, recomputed 1,600,000', () => {
  assert.equal(calculateServerCapacity(8, 3.5, 50_000), 1_600_000);
  assert.equal(FORMULA_001.exampleCapacity.printedValue, 10_000);
  assert.equal(FORMULA_001.exampleCapacity.value, calculateServerCapacity(FORMULA_001.exampleCores.value, FORMULA_001.exampleGhz.value, FORMULA_001.exampleCycles.value));
});

test('seed 001 calculate_memory(10000, 1): printed 10,082 MB, recomputed 91.8 MB', () => {
  assert.equal(calculateMemoryMb(10_000, 1).toFixed(1), '91.8');
  assert.equal(calculateMemoryMb(0, 1), 82);
  assert.equal(calculateMemoryMb(1024, 2), 84);
  assert.equal(FORMULA_001.exampleMemoryMb.printedValue, 10_082);
  assert.equal(FORMULA_001.exampleMemoryMb.value, calculateMemoryMb(FORMULA_001.exampleClients.value, FORMULA_001.exampleKbPerClient.value));
});

test('seed 001: a 1 Gbps NIC is 125 MB/s, not the "~15 MB/sec" of its limits table', () => {
  assert.equal(1e9 / 8 / 1e6, NIC.measured.value);
  assert.equal(NIC.limits.value, 125);
  assert.equal(NIC.limits.printedValue, 15);
});

test('seed 001: $6,070/month at 100,000 writes/s = $0.023 per million metrics', () => {
  assert.equal(Number(costPerMillionMetrics(6070, 100_000).toFixed(3)), 0.023);
});

test('seed 002: 100K servers × 50 metrics / 15s = 333,333 metrics/s, and the node counts for it (ClickHouse 7, its hardware 3 × 2)', () => {
  assert.equal(Math.trunc(metricsPerSecond(100_000, 50, 15)), 333_333);
  assert.deepEqual(infrastructureNodes(333_333), { kafka: 3, timescaledb: 2, clickhouse: 7, monthlyCost: 3 * 800 + 2 * 1200 + 7 * 2000 });
  assert.deepEqual(infrastructureNodes(0), { kafka: 3, timescaledb: 2, clickhouse: 3, monthlyCost: 3 * 800 + 2 * 1200 + 3 * 2000 });
  assert.deepEqual(infrastructureNodes(600_000), { kafka: 5, timescaledb: 4, clickhouse: 13, monthlyCost: 5 * 800 + 4 * 1200 + 13 * 2000 });
});

test('seed 000/003 tables: interpolation hits every measured row and is linear between them', () => {
  for (const table of [SORTER_RPS_BY_MEMORY, OTLP_RPS_BY_MEMORY, OPERATOR_CPU_BY_VOLUMES, OPERATOR_MEMORY_BY_VOLUMES]) {
    for (const [x, y] of rowsOf(table)) assert.deepEqual(interpolate(table, x), { value: y, extrapolated: false });
  }
  assert.deepEqual(interpolate(OPERATOR_CPU_BY_VOLUMES, 1500), { value: 0.5, extrapolated: false });
  assert.deepEqual(interpolate(OPERATOR_MEMORY_BY_VOLUMES, 5000), { value: 768 * MiB, extrapolated: true });
  assert.deepEqual(interpolate(OPERATOR_MEMORY_BY_VOLUMES, 50), { value: 128 * MiB, extrapolated: true });
});

test('seed 000 OTLP benchmark: throughput per pod from memory in use', () => {
  assert.deepEqual(benchmarkThroughput(OTLP_RPS_BY_MEMORY, 600 * MiB), { rps: 800, capped: false });
  assert.deepEqual(benchmarkThroughput(OTLP_RPS_BY_MEMORY, 2 * GiB), { rps: 1500, capped: false });
  assert.deepEqual(benchmarkThroughput(OTLP_RPS_BY_MEMORY, 8 * GiB), { rps: 1500, capped: true });
  assert.deepEqual(benchmarkThroughput(OTLP_RPS_BY_MEMORY, 100 * MiB), { rps: 400, capped: false });
  // 1024 MiB lies between the 600 MiB (800 req/s) and 1.2 GiB (1200 req/s) rows: 800 + 400 × 424 / 628.8.
  assert.equal(benchmarkThroughput(OTLP_RPS_BY_MEMORY, 1024 * MiB).rps, 1070);
  assert.equal(benchmarkThroughput(SORTER_RPS_BY_MEMORY, 500 * MiB).rps, 35);
});

test('seed 003 §8.1: requests for a volume count (next row up) and the volumes a memory request covers', () => {
  assert.deepEqual([operatorRequests(750).cpu, operatorRequests(750).memory], [0.3, 384 * MiB]);
  assert.deepEqual([operatorRequests(600).cpu, operatorRequests(600).memory, operatorRequests(600).beyond], [0.3, 384 * MiB, false]);
  assert.deepEqual([operatorRequests(3000).cpu, operatorRequests(3000).beyond], [0.6, true]);
  assert.deepEqual([operatorRequests(2000).cpu, operatorRequests(2000).beyond], [0.6, false]);
  assert.equal(operatorVolumesFor(400 * MiB)?.volumes.value, 750);
  assert.equal(operatorVolumesFor(384 * MiB)?.volumes.value, 750);
  assert.equal(operatorVolumesFor(100 * MiB), undefined);
});
