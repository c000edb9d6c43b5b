import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AI_SORTER_RPS_BY_MEMORY_MIB, OPERATOR_CPU_BY_VOLUMES, OPERATOR_MEMORY_BY_VOLUMES, clickhouseMemoryGb, clickhouseStorageGb,
  clickhouseSustainedLogRps, costPerMillionMetrics, gatewayMemoryMb, gatewayReplicas, infrastructureNodes, ingestionServers,
  interpolate, metricsPerSecond, otlpThroughputPerPod,
} from '../../../server/src/core/capacity/formulas';

// Each test reproduces a worked example printed in the seed document the formula comes from.

test('seed 004: gateway replicas = ceil(agents / 20) + 1', () => {
  assert.equal(gatewayReplicas(100), 6); // 100 agents: 5 replicas of ~20 agents plus one for headroom
  assert.equal(gatewayReplicas(10), 2);
  assert.equal(gatewayReplicas(21), 3);
});

test('seed 004: gateway memory per replica', () => {
  // 20 agents per replica and a 64 MB buffer: 256 + 40 + 128.
  assert.equal(gatewayMemoryMb(20, 64), 424);
});

test('seed 004: ClickHouse memory for 100k log rows/s, and its inverse', () => {
  assert.equal(clickhouseMemoryGb(100_000), 7);
  assert.equal(clickhouseMemoryGb(0), 2);
  assert.equal(clickhouseSustainedLogRps(7), 100_000);
  assert.equal(clickhouseSustainedLogRps(1), 0);
});

test('seed 004: (100000 × 86400 × 500 × 0.15) / 1e9 = 648 GB/day', () => {
  assert.equal(clickhouseStorageGb(100_000, 86_400, 500, 0.15), 648);
});

test('seed 001: 100,000 RPS at 10,000 per server plus 2 for redundancy = 12 servers at 83%', () => {
  const { servers, utilization } = ingestionServers(100_000, 10_000, 2);
  assert.equal(servers, 12);
  assert.equal(Math.round(utilization * 100), 83);
});

test('seed 001: $6,070/month at 100,000 writes/s = $0.023 per million metrics', () => {
  assert.equal(Number(costPerMillionMetrics(6070, 100_000).toFixed(3)), 0.023);
});

test('seed 002: 100K servers × 50 metrics / 15s = 333,333 metrics/s, and the node counts for it', () => {
  assert.equal(Math.trunc(metricsPerSecond(100_000, 50, 15)), 333_333);
  assert.deepEqual(infrastructureNodes(333_333), { kafka: 3, timescaledb: 2, clickhouse: 7, monthlyCost: 3 * 800 + 2 * 1200 + 7 * 2000 });
});

test('seed 000/003 tables: interpolation hits every measured row and is linear between them', () => {
  for (const table of [AI_SORTER_RPS_BY_MEMORY_MIB, OPERATOR_CPU_BY_VOLUMES, OPERATOR_MEMORY_BY_VOLUMES]) {
    for (const [x, y] of table.rows) assert.deepEqual(interpolate(table, x), { value: y, extrapolated: false });
  }
  assert.equal(interpolate(OPERATOR_CPU_BY_VOLUMES, 1500).value, 500);
  assert.deepEqual(interpolate(OPERATOR_MEMORY_BY_VOLUMES, 5000), { value: 768, extrapolated: true });
});

test('seed 000 OTLP benchmark: throughput per pod from memory', () => {
  assert.deepEqual(otlpThroughputPerPod(600 * 2 ** 20), { rps: 800, capped: false });
  assert.deepEqual(otlpThroughputPerPod(2 * 2 ** 30), { rps: 1500, capped: false });
  assert.deepEqual(otlpThroughputPerPod(8 * 2 ** 30), { rps: 1500, capped: true });
  // 1024 MiB lies between the 600 MiB (800 req/s) and 1.2 GiB (1200 req/s) rows: 800 + 400 × 424 / 628.8.
  assert.equal(otlpThroughputPerPod(1024 * 2 ** 20).rps, 1070);
});
