// The figures of the capacity-planning documents the sizing model leaves out on purpose, each with the
// reason. With the model's figures they account for every number the documents print in their tables,
// configuration blocks and lists: test/unit/capacity/coverage.test.ts reads the documents at test time
// and fails on any figure that is in neither. An entry matches by document and section (exact), and
// optionally by the kind of line, the key (exact or pattern) and the token.

export interface Exclusion {
  document: string;
  section: string;
  kind?: 'table' | 'code' | 'text';
  key?: string | RegExp;
  token?: string;
  reason: string;
}

const S0 = '000_e875b2fa46e39bfd.txt';
const S1 = '001_ceeee9e23b0c10f7.txt';
const S2 = '002_36fe083ec8095de5.txt';
const S3 = '003_55bf389a4119086e.txt';
const S4 = '004_8f602a648d2b47bd.txt';

export const EXCLUSIONS: Exclusion[] = [
  // Seed 000 — Alloy Dynamic Processors.
  { document: S0, section: 'Performance Targets > Service Level Objectives (SLOs)', reason: 'service-level objectives of the running system (latency, throughput, error rate, availability targets); no configuration Headroom reads sets them' },
  { document: S0, section: 'Performance Benchmarks > AI Sorter Performance Characteristics', reason: 'benchmark conditions and outcomes (users, batch size, latency, errors, CPU use); the model keeps the memory → RPS pairs it estimates throughput from' },
  { document: S0, section: 'Performance Benchmarks > OTLP Ingestion Performance Characteristics', reason: 'benchmark conditions and outcomes (users, payload, latency, errors); the model keeps the memory/CPU → RPS rows it estimates throughput from' },
  { document: S0, section: 'Performance Benchmarks > Alloy Management Performance Characteristics', reason: 'health and metrics endpoint benchmark; the document says these endpoints have minimal resource impact, so they size nothing' },
  { document: S0, section: 'Scaling Strategies > Geographic Scaling (Multi-Region) > Regional Distribution Strategy', reason: 'an example three-region split of replicas and load shares; Headroom sees one cluster\'s manifests and has no region model' },
  { document: S0, section: 'Performance Tuning > AI Sorter Optimization > JVM Tuning (if using Java-based components)', reason: 'JVM flags "if using Java-based components"; none of the workloads the documents size is named as Java' },
  { document: S0, section: 'Performance Tuning > Alloy Configuration Optimization > River Configuration', key: /\.endpoint$/, reason: 'listen addresses and ports (0.0.0.0:4317/4318), not capacity' },
  { document: S0, section: 'Performance Tuning > Database and Storage Optimization > Persistent Volume Configuration', reason: 'an example volumeClaimTemplate (100Gi) matching none of the sizes; per-size Alloy storage comes from the Deployment Sizes tables' },
  { document: S0, section: 'Performance Tuning > Database and Storage Optimization > Storage Classes by Environment', reason: 'StorageClass parameters (gp3 IOPS and throughput); Headroom does not lint StorageClasses' },
  { document: S0, section: 'Monitoring and Alerting > Key Performance Indicators (KPIs) > System-Level Metrics', reason: 'PromQL recording-rule windows and quantiles, not thresholds' },
  { document: S0, section: 'Monitoring and Alerting > Key Performance Indicators (KPIs) > Alerting Rules', key: 'groups.rules.annotations.description', reason: 'the alert description text ("95th percentile"), not a threshold' },
  { document: S0, section: 'Monitoring and Alerting > Capacity Planning Dashboards > Grafana Dashboard JSON', reason: 'dashboard query windows and scale factors' },
  { document: S0, section: 'Load Testing Strategy > Testing Scenarios > 1. Baseline Performance Test', reason: 'load-test procedure (users, duration), not a sizing' },
  { document: S0, section: 'Load Testing Strategy > Testing Scenarios > 3. Spike Test', reason: 'load-test procedure (10x spike), not a sizing' },
  { document: S0, section: 'Load Testing Strategy > Testing Scenarios > 4. Endurance Test', reason: 'load-test procedure (duration), not a sizing' },
  { document: S0, section: 'Capacity Planning Workflow > 1. Current State Assessment', reason: 'a query example (dates, step), not a sizing' },
  { document: S0, section: 'Capacity Planning Workflow > 2. Growth Projection', reason: 'a growth-projection script (dates, horizon); Headroom sizes for the stated load, it does not project growth' },
  { document: S0, section: 'Capacity Planning Workflow > 3. Resource Planning', reason: 'a template filled with a hypothetical current state and growth; not a recommendation for any size' },
  { document: S0, section: 'Capacity Planning Workflow > 4. Implementation Timeline', reason: 'Gantt chart dates and durations' },
  { document: S0, section: 'Cost Optimization > Resource Right-Sizing > CPU Optimization', reason: 'an illustrative before/after right-sizing not tied to a workload or size' },
  { document: S0, section: 'Cost Optimization > Resource Right-Sizing > Storage Optimization', reason: 'storage-class IOPS example; Headroom does not lint StorageClasses' },
  { document: S0, section: 'Troubleshooting Performance Issues > Common Performance Problems > 1. High AI Sorter Latency', reason: 'a symptom threshold restating the AI Sorter SLO (excluded above)' },
  { document: S0, section: 'Additional Resources > Cloud Provider Guidance', reason: 'document version and dates' },

  // Seed 001 — MetricStream capacity planning.
  { document: S1, section: 'Executive Summary', token: '$5,040', reason: 'an infrastructure cost that matches none of the document\'s own totals ($6,070 grand total, $5,614 phase 3); the phases\' costs are encoded instead' },
  { document: S1, section: 'Executive Summary', reason: 'summary restating the measured phase-7 run and the phase-3 targets, encoded from their own sections' },
  { document: S1, section: 'Table of Contents', reason: 'the table of contents\' section numbers' },
  { document: S1, section: 'Current System Capacity > Measured Performance (Phase 7)', key: /^Network\.Headroom$/, token: '125', reason: 'encoded as the NIC figure (see NIC in seeds/seed-001.ts); listed here only for the other tokens of the line' },
  { document: S1, section: 'Current System Capacity > Measured Performance (Phase 7)', reason: 'the measured single-server run (requests, latency, CPU, memory, network and disk use at 2.2K RPS); the phase-1 capacity it yields (2,253 RPS, 100 clients) is encoded from the roadmap' },
  { document: S1, section: 'Current System Capacity > Single Server Limits (Projected)', key: 'Network / Limiting Factor', token: '15', reason: 'encoded as NIC.limits with its recomputed value (1 Gbps = 125 MB/s); listed for completeness of the row' },
  { document: S1, section: 'Current System Capacity > Single Server Limits (Projected)', reason: 'projected single-server limits per resource; the conclusion (10,000 RPS per server) is encoded from Scaling Math, which states it again' },
  { document: S1, section: 'Resource Utilization Analysis > CPU Profiling Breakdown', reason: 'a CPU profile of the server process, not a sizing' },
  { document: S1, section: 'Resource Utilization Analysis > Memory Allocation Patterns', reason: 'a heap profile at 2.2K RPS (its items add up to 97.9 MB, not the "~150 MB" total it prints); no pod memory is derived from it' },
  { document: S1, section: 'Resource Utilization Analysis > Disk I/O Characteristics', reason: 'iostat output (its 11,000 kB/s disagrees with the "~5 MB/sec" of Measured Performance); Headroom does not size disks for ingestion' },
  { document: S1, section: 'Bottleneck Identification > Historical Bottleneck Evolution', reason: 'history of optimisation phases' },
  { document: S1, section: 'Bottleneck Identification > Current Bottleneck: JSON Parsing', reason: 'profiling evidence and a projection of JSON parsing CPU' },
  { document: S1, section: 'Bottleneck Identification > Future Bottlenecks (Predicted)', reason: 'predicted bottlenecks and mitigations, not a sizing' },
  { document: S1, section: 'Horizontal Scaling Strategy > Target Architecture', reason: 'architecture diagram restating Scaling Math and the cost tables (10 servers of 10K RPS, Kafka, Flink, InfluxDB), encoded from those' },
  { document: S1, section: 'Horizontal Scaling Strategy > Scaling Math', key: /^(Number of servers|Load per server|Effective load)$/, reason: 'the worked computation of ceil(100,000 / 10,000) = 10 and 100,000 / 12 = 8,333 (83%), reproduced by formulas.ingestionServers and its test' },
  { document: S1, section: 'Horizontal Scaling Strategy > Scaling Math', key: /^(Write throughput per broker|Number of brokers|Total capacity|Headroom|Partitions|Write performance|Number of nodes|Capacity per node|Total)$/, reason: 'the Kafka and InfluxDB layers of MetricStream\'s pipeline; Headroom sizes seed 002\'s Kafka and no InfluxDB workload, and the ingestion servers\' headroom (2) is encoded' },
  { document: S1, section: 'Horizontal Scaling Strategy > Auto-Scaling Configuration', kind: 'code', reason: 'comments restating the stabilization windows in minutes (1 min, 5 min), encoded in seconds' },
  { document: S1, section: 'Horizontal Scaling Strategy > Auto-Scaling Configuration', kind: 'text', reason: 'scaling triggers restating the HPA (CPU 70%, +2/-1 pods) with a 40% scale-down threshold and response-time/error triggers an HPA cannot express' },
  { document: S1, section: 'Cost Analysis > AWS Infrastructure Costs (Monthly) > Ingestion Layer', reason: 'line items of the phase totals, which are encoded; instance sizes are EC2 machines, not pod requests' },
  { document: S1, section: 'Cost Analysis > AWS Infrastructure Costs (Monthly) > Message Queue (Kafka)', reason: 'MetricStream\'s Kafka and ZooKeeper machines and prices; Headroom\'s Kafka sizing is seed 002\'s' },
  { document: S1, section: 'Cost Analysis > AWS Infrastructure Costs (Monthly) > Stream Processing (Flink)', reason: 'Flink machines and prices; no Flink workload is sized' },
  { document: S1, section: 'Cost Analysis > AWS Infrastructure Costs (Monthly) > Time-Series Database (InfluxDB)', reason: 'InfluxDB machines and prices; no InfluxDB workload is sized' },
  { document: S1, section: 'Cost Analysis > AWS Infrastructure Costs (Monthly) > Visualization (Grafana)', reason: 'Grafana and its metadata database; not sized by Headroom' },
  { document: S1, section: 'Cost Analysis > AWS Infrastructure Costs (Monthly) > Total Monthly Cost', reason: 'per-layer totals of the whole platform (their sum, $6,070, is right); Headroom shows the cost of the ingestion phases' },
  { document: S1, section: 'Cost Analysis > Cost Per Metric', reason: 'cost per metric and SaaS comparisons (the arithmetic checks out: $0.023 per million, 96%/76% savings); not a sizing' },
  { document: S1, section: 'Cost Analysis > Cost Optimization Strategies', reason: 'cost-optimisation scenarios (reserved, spot, archival)' },
  { document: S1, section: 'Capacity Roadmap > Phase 1: Current (COMPLETE)', token: '35%', reason: 'the bottleneck\'s CPU share, not a sizing' },
  { document: S1, section: 'Capacity Roadmap > Phase 2: Kafka Integration (Q1 2026)', reason: 'the phase\'s Kafka/ZooKeeper machines, expected latency and success rate; its capacity, server count and total cost are encoded' },
  { document: S1, section: 'Capacity Roadmap > Phase 3: Horizontal Scaling (Q2 2026)', reason: 'the phase\'s other machines, its autoscaling range and Kafka partitions restated from the HPA and the cost tables, and its SLA; capacity, servers, HPA and total cost are encoded' },
  { document: S1, section: 'Capacity Roadmap > Phase 4: Global Distribution (Q3 2026)', reason: 'region count, the priced phase-3 multiple, replication cost and latency/SLA claims; the 500,000 RPS claim and the 3 × phase 3 it rests on are encoded as a conflict' },
  { document: S1, section: 'Performance Benchmarks > Load Test Results Summary', reason: 'history of load tests per optimisation phase (its "3.4x better latency" is 4.2x and "40% less memory" is 62.5%); phase 7 restates the measured run' },
  { document: S1, section: 'Monitoring & Alerting > Capacity Alerts', reason: 'alert durations and the auto-scale trigger restating the HPA (3 and 10 minutes, which differ from its 60 s and 300 s windows); the thresholds themselves are encoded' },
  { document: S1, section: 'Monitoring & Alerting > SLA Metrics', reason: 'SLA targets and the downtime-budget arithmetic (52.56 min/year, 4.38 min/month), not a sizing' },
  { document: S1, section: 'Appendix: Calculation Spreadsheet > Scaling Formulas', reason: 'comment restatements of the worked examples\' inputs (35%, 8 × 3.5 GHz, 50K, 2MB, 1KB, ~10GB) and the cost-per-RPS example; the formulas\' constants and results are encoded' },

  // Seed 002 — metrics monitoring performance analysis.
  { document: S2, section: 'Overview', reason: 'the scale the document is written for (users, servers), restated from Current Scale Targets' },
  { document: S2, section: 'Scale Requirements Analysis > Current Scale Targets', reason: 'users (not a sizing input), the servers\' breakdown (1000 pools × 100) and the derived rates (per second/minute/hour/day), reproduced by formulas.metricsPerSecond and its test' },
  { document: S2, section: 'Scale Requirements Analysis > Data Volume Projections', reason: 'storage projections for the whole system (its "180 TB with replication and overhead" is the plain sum 40.32 + 34.56 + 105.12); no workload\'s volume is sized from them' },
  { document: S2, section: 'Component Performance Analysis > 1. Kafka Message Queue Performance', reason: 'topic partitions, replication factor, latency, retention and compression; Headroom lints no Kafka topic or broker configuration' },
  { document: S2, section: 'Component Performance Analysis > Kafka Performance Testing', reason: 'load-test script parameters (producer settings, test sizes)' },
  { document: S2, section: 'Component Performance Analysis > 2. TimescaleDB Hot Storage Performance', reason: 'query latency target, chunking and postgresql.conf settings; Headroom does not parse PostgreSQL configuration' },
  { document: S2, section: 'Component Performance Analysis > TimescaleDB Performance Testing', reason: 'load-test script parameters (pool sizes, batch sizes)' },
  { document: S2, section: 'Component Performance Analysis > 3. ClickHouse Warm Storage Performance', key: /max_threads|merge_tree_max_rows_to_use_cache/, reason: 'settings clickhouse/settings-levels.ts classes as user-level (profiles); clickhouse/tier compares top-level server settings, and the setting-level rules judge where these stand' },
  { document: S2, section: 'Component Performance Analysis > 3. ClickHouse Warm Storage Performance', reason: 'query latency target and compression ratio, not a sizing' },
  { document: S2, section: 'End-to-End Performance Benchmarks > Load Testing Results', reason: 'benchmark outcomes; its test load (50,000 servers × 20 metrics / 15 s = 66,667/s) is far below the 445,000 msg/s it reports, so no capacity is taken from it' },
  { document: S2, section: 'Capacity Planning > Resource Utilization Projections', reason: 'the planner\'s growth projection inputs (base scale, 15% monthly growth, months, bytes per metric, report formatting); its node formulas and prices are encoded' },
  { document: S2, section: 'Optimization Recommendations > Performance Optimization Strategies', key: /kafka_optimizations|timescaledb_optimizations/, reason: 'Kafka producer and TimescaleDB chunking advice; Headroom lints neither' },
  { document: S2, section: 'Performance Monitoring > Key Performance Indicators (KPIs)', reason: 'closing sentence restating the scale' },

  // Seed 003 — storage operator.
  { document: S3, section: 'Document Information', reason: 'document version and date' },
  { document: S3, section: '2. Scalability Dimensions > 2.2 Tested Limits', key: /^(Policies per cluster|Concurrent migrations|Migration throughput) \/ Tested Limit$/, reason: 'limits of StoragePolicy custom resources and migrations; Headroom does not read StoragePolicy objects' },
  { document: S3, section: '3. Performance Characteristics > 3.1 Resource Usage', key: /^CPU \(idle\)/, reason: 'idle CPU upper bounds (< 10m…); the reconciling CPU and memory at each scale are encoded' },
  { document: S3, section: '3. Performance Characteristics > 3.2 Operation Latency', reason: 'operation latencies, not a sizing' },
  { document: S3, section: '4. Scaling Strategies > 4.2 Tuning Reconciliation', token: '300s', reason: 'the default in the comment ("from 300s"); the recommended 600 for large clusters is encoded' },
  { document: S3, section: '4. Scaling Strategies > 4.2 Tuning Reconciliation', token: '600s', reason: 'the comment restating the 600 seconds encoded from the value' },
  { document: S3, section: '4. Scaling Strategies > 4.3 Caching Optimization', reason: 'a default "in operator code", not configurable through any key the document names' },
  { document: S3, section: '5. Performance Tuning > 5.1 Recommended Settings by Scale', kind: 'text', reason: 'the scale headings restating §2.1\'s volume counts, encoded from §2.1' },
  { document: S3, section: '5. Performance Tuning > 5.2 Prometheus Query Optimization', reason: 'query timeout, batch size and cache TTL without a configuration key to check them against' },
  { document: S3, section: '5. Performance Tuning > 5.3 Migration Throughput', reason: 'StoragePolicy maxConcurrentMigrations; Headroom does not read StoragePolicy objects' },
  { document: S3, section: '6. Monitoring for Scale > 6.1 Key Metrics to Watch', reason: 'PromQL quantiles and windows' },
  { document: S3, section: '6. Monitoring for Scale > 6.2 Alerting Thresholds', key: /^Active migrations/, reason: 'migration alerts relative to StoragePolicy limits Headroom does not read' },
  { document: S3, section: '8. Capacity Planning > 8.2 Network Bandwidth', reason: 'network traffic per volume; Headroom sizes no bandwidth' },
  { document: S3, section: '9. High Availability > 9.2 Leader Election (Future)', reason: 'a planned feature ("Future"): the operator runs as a single instance (§9.1)' },
  { document: S3, section: '10. Best Practices > 10.1 For Large Deployments', reason: 'the numbering of a list, not a figure' },
  { document: S3, section: '10. Best Practices > 10.2 Resource Sizing', token: '1', reason: 'the monitoring period (1 week) before resizing, a process step' },

  // Seed 004 — Avika NGINX Manager.
  { document: S4, section: '', reason: 'the introduction restating the enterprise scale (100,000+ RPS, 100+ agents)' },
  { document: S4, section: 'Scaling Overview > Architecture at Scale', reason: 'box labels of the architecture diagram' },
  { document: S4, section: 'Load Calculations > For 100,000 RPS from 100 Agents', reason: 'the worked 100-agent example (its arithmetic checks out: 100 × 1,000 = 100,000; × 600 s = 60M; × 500 B = 30 GB; 100,200 msg/s; 50 MB/s); its RPS per agent is encoded, its per-stream memory and buffer estimates feed no formula the document completes' },
  { document: S4, section: 'Component Scaling > Gateway Scaling', kind: 'code', token: '100', reason: 'the comment "5 replicas for 100 agents", restating the load the enterprise profile is sized for' },
  { document: S4, section: 'Component Scaling > Gateway Scaling', kind: 'code', token: '20', reason: 'the comment "~20 each", restating the 20 agents per replica encoded from the sizing formula' },
  { document: S4, section: 'Component Scaling > Gateway Scaling', kind: 'code', token: '2GB', reason: 'the comment "2GB for buffers" restating the 2Gi limit' },
  { document: S4, section: 'Component Scaling > Gateway Scaling', kind: 'code', key: 'gateway.resources.limits.cpu', token: '2', reason: 'the comment "2 CPU cores per replica" restating the limit' },
  { document: S4, section: 'Component Scaling > Gateway Scaling', kind: 'code', key: 'gateway.replicaCount', token: '5', reason: 'the comment "5 replicas" restating the value' },
  { document: S4, section: 'Component Scaling > Gateway Scaling', kind: 'table', reason: 'the Key Settings table\'s enterprise column and default replica count restate the enterprise values block and the profile table, encoded from those' },
  { document: S4, section: 'Component Scaling > ClickHouse Scaling', kind: 'text', reason: 'the heading "Configuration for 100k RPS", restating the enterprise profile' },
  { document: S4, section: 'Component Scaling > ClickHouse Scaling', kind: 'code', key: /^clickhouse\.config\./, reason: 'the chart\'s own buffer and batch values, restating the CH_* environment table (encoded there); no rule reads the chart\'s config block' },
  { document: S4, section: 'Component Scaling > ClickHouse Scaling', kind: 'code', key: /^async_insert(_max_data_size|_busy_timeout_ms)?$/, reason: 'settings clickhouse/settings-levels.ts classes as user-level (the document puts them at the top level, where the setting-level rules flag them); clickhouse/tier compares server settings, async_insert_threads among them' },
  { document: S4, section: 'Scaling Overview > Scaling Profiles', token: '5+', reason: 'the enterprise profile\'s "5+" gateway replicas, encoded as the 5 of its Gateway Scaling values' },
  { document: S4, section: 'Scaling Overview > Scaling Profiles', token: '16Gi+', reason: 'the enterprise profile\'s "16Gi+" ClickHouse memory, encoded as the 16Gi limit of its ClickHouse Scaling values' },
  { document: S4, section: 'Component Scaling > PostgreSQL Scaling', key: /^postgresql\.primary\.(max_connections|shared_buffers|work_mem|effective_cache_size)$/, reason: 'postgresql.conf settings inside a Helm string (extendedConfiguration); Headroom does not parse PostgreSQL configuration' },
  { document: S4, section: 'Component Scaling > Redpanda Scaling', key: /^redpanda\.config\./, reason: 'topic and producer settings of the chart\'s config block; Headroom lints no Redpanda configuration' },
  { document: S4, section: 'Component Scaling > Redpanda Scaling', key: 'redpanda.replicaCount', token: '3', reason: 'the comment "3-node cluster" restating the value' },
  { document: S4, section: 'Enterprise Profile > Enterprise Resource Summary', reason: 'the summary restates each component\'s limits × replicas from its own section (encoded there; its totals 36 cores, 56Gi, 170Gi add up); ClickHouse/PostgreSQL/Redpanda storage and replica counts found only here are encoded' },
  { document: S4, section: 'Monitoring at Scale > Prometheus Alerts', key: 'groups.rules.annotations.summary', reason: 'alert summaries restating the thresholds encoded from the expressions' },
  { document: S4, section: 'Monitoring at Scale > Prometheus Alerts', key: 'groups.rules.expr', token: '1m', reason: 'the rate() window of the insert-lag expression, not a threshold' },
  { document: S4, section: 'Monitoring at Scale > Grafana Dashboard Queries', reason: 'dashboard query windows' },
  { document: S4, section: 'Troubleshooting at Scale > Common Issues', reason: 'the numbering of a list, not a figure' },
  { document: S4, section: 'Troubleshooting at Scale > Debug Commands', reason: 'a port in a debug URL, not capacity' },
  { document: S4, section: 'Capacity Planning > Sizing Formula', key: 'memory_mb', reason: 'the gateway memory formula (256 + agents_per_replica × 2 + buffer_size_mb × 2) needs buffer_size_mb, which the document never gives, so it cannot be evaluated for any config' },
  { document: S4, section: 'Capacity Planning > Sizing Formula', token: '1e9', reason: 'the bytes-to-GB divisor of the storage formula' },
  { document: S4, section: 'Quick Reference > Deploy Commands', reason: 'deploy commands restating the enterprise profile and its 5 replicas' },
  { document: S4, section: 'Quick Reference > Environment Variable Quick Reference', reason: 'exports restating the gateway and ClickHouse environment tables, encoded from those' },
];
