import type { AlloyRule } from '../rule-context';
import { unknownArgument } from './unknown-argument';
import { missingRequired } from './missing-required';
import { invalidValue } from './invalid-value';
import { batchMaxBelowSize, batchTier, batchTimeout } from './batch';
import { memoryLimiterLimits, memoryLimiterSpike, memoryLimiterVsContainer } from './memory-limiter';
import { danglingReference, missingMemoryLimiter, pipelineOrder } from './pipeline';
import { scrapeTimeout } from './scrape-timeout';

/** Every Alloy rule. Adding a rule: a file in this folder and a line here. */
export const ALLOY_RULES: readonly AlloyRule[] = [
  unknownArgument,
  missingRequired,
  invalidValue,
  batchMaxBelowSize,
  batchTimeout,
  batchTier,
  memoryLimiterLimits,
  memoryLimiterSpike,
  memoryLimiterVsContainer,
  danglingReference,
  pipelineOrder,
  missingMemoryLimiter,
  scrapeTimeout,
];
