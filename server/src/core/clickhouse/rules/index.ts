import type { ClickHouseRule } from '../context';
import { settingWrongLevel } from './levels';
import { clickhouseTier, invalidValue, maxMemoryUsageVsServer, memoryRatio, serverMemoryVsPod } from './memory';

/** ClickHouse rules. Adding a rule: a file here and a line below. */
export const CLICKHOUSE_RULES: readonly ClickHouseRule[] = [
  settingWrongLevel,
  invalidValue,
  memoryRatio,
  serverMemoryVsPod,
  maxMemoryUsageVsServer,
  clickhouseTier,
];
