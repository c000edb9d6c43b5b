import { z } from 'zod';
import { NEWEST_VERSION, validAlloyVersion } from './alloy/schema/versions';
import { LOAD_METRICS, LOAD_METRIC_NAMES } from './capacity/load';
import { SEVERITY_SETTINGS } from './config-types';

// The zod schemas of what a workspace writes: `.headroom.yaml` and catalog entries in it. Only a workspace
// that has such a file needs them, so config.ts and catalog.ts load this module (and zod, ~5 ms and
// ~2 MB of heap at start-up) on first use, through `configSchemas()`.

const citation = z.object({ document: z.string().min(1), section: z.string().min(1) }).strict();
const resources = z.object({ cpu: z.string().optional(), memory: z.string().optional() }).strict();
const count = z.number().int().nonnegative();

/** The shape of one tier as written in data (ours, or a workspace's `.headroom.yaml` catalog extension). */
export const rawTierSchema = z.object({
  workload: z.string().min(1),
  tier: z.string().min(1),
  source: citation,
  fieldSources: z.record(z.string(), citation).optional(),
  replicas: count.optional(),
  requests: resources.optional(),
  limits: resources.optional(),
  storage: z.string().optional(),
  hpa: z.object({
    minReplicas: count.optional(), maxReplicas: count.optional(),
    cpuUtilization: z.number().min(1).max(100).optional(), memoryUtilization: z.number().min(1).max(100).optional(),
  }).strict().optional(),
  goMemLimit: z.string().optional(),
  batch: z.object({ sendBatchSize: count.optional(), sendBatchMaxSize: count.optional(), timeout: z.string().optional() }).strict().optional(),
  memoryLimiter: z.object({ limit: z.string().optional(), spikeLimit: z.string().optional(), checkInterval: z.string().optional() }).strict().optional(),
  clickhouse: z.object({
    maxServerMemoryUsageToRamRatio: z.number().positive().max(1).optional(),
    maxMemoryUsage: count.optional(), maxConcurrentQueries: count.optional(), maxConnections: count.optional(),
    backgroundPoolSize: count.optional(), backgroundSchedulePoolSize: count.optional(), asyncInsert: z.boolean().optional(),
    asyncInsertThreads: count.optional(), asyncInsertMaxDataSize: count.optional(), asyncInsertBusyTimeoutMs: count.optional(),
  }).strict().optional(),
  throughput: z.object({ value: z.number().positive(), unit: z.string().min(1) }).strict().optional(),
  monthlyCost: z.number().nonnegative().optional(),
  notes: z.array(z.string()).optional(),
}).strict();

const severitySetting = z.enum(SEVERITY_SETTINGS);

/** `.headroom.yaml` at the workspace root: data only, nothing in it is executed or read from elsewhere. */
export const headroomFileSchema = z.object({
  defaultTier: z.string().min(1).optional().describe('Tier to check against when a file does not say, e.g. medium.'),
  tiers: z.record(z.string(), z.string().min(1)).optional().describe('Tier per catalog workload, e.g. { gateway: enterprise }.'),
  severity: z.record(z.string(), severitySetting).optional().describe('Severity per finding code (alloy/batch-timeout) or prefix (k8s/*), or off.'),
  maxFileBytes: z.number().int().positive().optional().describe('Files larger than this are not analysed.'),
  catalog: z.array(rawTierSchema).optional().describe('Extra or replacement tiers, in the catalog shape, each with its source.'),
  alloyVersion: z.string().regex(/^v?1\.\d+(\.\d+)?$/).refine(validAlloyVersion, { message: `an Alloy 1.x release up to ${NEWEST_VERSION}, such as "1.10" or "v1.10.2"` }).optional()
    .describe(`Alloy release the configs are checked against (arguments added or removed since, changed defaults), e.g. "1.10". Default: ${NEWEST_VERSION}.`),
  load: z.record(z.string(), loadSchema()).optional().describe('Load per catalog workload, e.g. { alloy: { otlpRequestsPerMinute: 40000 }, gateway: { agents: 80 } }: Headroom picks the tier the documents size for it.'),
}).strict();

function loadSchema() {
  const shape = Object.fromEntries(LOAD_METRIC_NAMES.map((m) => [m, z.number().positive().optional().describe(LOAD_METRICS[m].label)]));
  return z.object(shape).strict();
}

export type HeadroomFile = z.infer<typeof headroomFileSchema>;
