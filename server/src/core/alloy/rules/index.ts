import type { AlloyRule } from '../rule-context';
import { unknownArgument, unknownBlock } from './unknown-argument';
import { unknownComponent } from './unknown-component';
import { missingRequired } from './missing-required';
import { invalidValue, wrongType } from './invalid-value';
import { enumValue } from './enum-value';
import { deprecatedArgument } from './deprecated';
import { batchMaxBelowSize, batchTier, batchTimeout } from './batch';
import { memoryLimiterLimits, memoryLimiterSpike, memoryLimiterVsContainer } from './memory-limiter';
import { missingMemoryLimiter, pipelineOrder } from './pipeline';
import { danglingReference } from './dangling-reference';
import { unknownExport } from './unknown-export';
import { unwiredComponent } from './unwired';
import { scrapeTimeout } from './scrape-timeout';

/** Every Alloy rule. Adding a rule: a file in this folder and a line here. */
export const ALLOY_RULES: readonly AlloyRule[] = [
  unknownComponent,
  unknownArgument,
  unknownBlock,
  missingRequired,
  invalidValue,
  wrongType,
  enumValue,
  deprecatedArgument,
  batchMaxBelowSize,
  batchTimeout,
  batchTier,
  memoryLimiterLimits,
  memoryLimiterSpike,
  memoryLimiterVsContainer,
  danglingReference,
  unknownExport,
  pipelineOrder,
  missingMemoryLimiter,
  unwiredComponent,
  scrapeTimeout,
];
