import type { ClickHouseRule } from '../context';
import { settingWrongLevel } from './levels';
import { invalidValue } from './invalid-value';
import { memoryRatio } from './memory-ratio';
import { serverMemoryVsPod } from './server-memory-vs-pod';
import { maxMemoryUsageVsServer } from './max-memory-usage-vs-server';
import { clickhouseTier } from './tier';

/** ClickHouse rules. Adding a rule: a file here and a line below. */
export const CLICKHOUSE_RULES: readonly ClickHouseRule[] = [
  settingWrongLevel,
  invalidValue,
  memoryRatio,
  serverMemoryVsPod,
  maxMemoryUsageVsServer,
  clickhouseTier,
];
