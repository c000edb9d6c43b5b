// Headroom's own short notes on the components and arguments that matter for capacity, shown in hovers
// and completions next to the generated facts (type, default, since…). Everything else links to the
// component's reference page. Facts in these notes come from the reference pages named in
// research/alloy-language-and-components.md §7 and §11 (grafana/alloy v1.18.1).

/** Component name → what it does, in one or two sentences. */
export const COMPONENT_NOTES: Record<string, string> = {
  'otelcol.processor.batch': 'Batches telemetry before it is sent on, to cut request counts and compress better. Put it after the memory limiter.',
  'otelcol.processor.memory_limiter': 'Refuses data when memory use passes the soft limit (limit − spike_limit) and forces GC at the hard limit. Put it first after the receivers.',
  'otelcol.receiver.otlp': 'Receives OTLP over gRPC and HTTP. A protocol is served only when its block is present.',
  'otelcol.exporter.otlp': 'Sends OTLP over gRPC. Its sending_queue holds data in memory while the backend is slow or down.',
  'otelcol.exporter.otlphttp': 'Sends OTLP over HTTP. Its sending_queue holds data in memory while the backend is slow or down.',
  'prometheus.remote_write': 'Sends metrics to Prometheus-compatible storage. Memory ≈ shards × capacity samples plus the WAL.',
  'loki.write': 'Sends logs to Loki. Worst-case memory ≈ queue capacity × shards per endpoint.',
  'prometheus.scrape': 'Scrapes targets and forwards the samples. Load grows with targets × series ÷ scrape_interval; sample_limit and clustering bound it.',
  'pyroscope.write': 'Sends profiles to Pyroscope.',
};

/**
 * Notes on arguments, keyed `component > block > argument` (the component may be `*` for a block
 * shared by many components, such as every exporter's sending_queue).
 */
export const ARGUMENT_NOTES: Record<string, string> = {
  'otelcol.processor.batch > timeout': 'Send a batch this long after the last one, even if it is not full.',
  'otelcol.processor.batch > send_batch_size': 'Number of items that triggers sending a batch (a trigger, not a hard size).',
  'otelcol.processor.batch > send_batch_max_size': 'Upper bound on a batch; 0 = no limit. If not 0 it must be >= send_batch_size.',
  'otelcol.processor.batch > metadata_keys': 'One batcher per distinct combination of these metadata values.',
  'otelcol.processor.batch > metadata_cardinality_limit': 'Most distinct metadata combinations (each holds a pending batch).',
  // Required with no default: the struct tag has no `optional`, DefaultArguments sets 0 and Validate refuses
  // 0 ("check_interval must be greater than zero") — grafana/alloy v1.18.1
  // internal/component/otelcol/processor/memorylimiter/memorylimiter.go; the reference page's Default column
  // is empty. The value Headroom suggests is the sizing model's (capacity/), never a literal here.
  'otelcol.processor.memory_limiter > check_interval': 'How often memory use is measured. Required: Alloy has no default and refuses 0.',
  'otelcol.processor.memory_limiter > limit': 'Hard memory limit, e.g. "1000MiB".',
  'otelcol.processor.memory_limiter > spike_limit': 'Headroom for spikes between checks; soft limit = limit − spike_limit. Default: 20% of limit.',
  'otelcol.processor.memory_limiter > limit_percentage': 'Hard limit as a percentage of total memory (1–100); not together with limit.',
  'otelcol.processor.memory_limiter > spike_limit_percentage': 'Spike limit as a percentage of total memory.',
  'otelcol.receiver.otlp > grpc > max_recv_msg_size': 'Largest message accepted; bigger requests are refused.',
  'otelcol.receiver.otlp > http > max_request_body_size': 'Largest request body accepted.',
  '* > sending_queue > queue_size': 'Capacity of the queue, in `sizer` units; it bounds the memory the exporter holds while the backend is slow.',
  '* > sending_queue > num_consumers': 'Concurrent senders.',
  '* > sending_queue > block_on_overflow': 'Block the pipeline instead of dropping data when the queue is full.',
  '* > sending_queue > storage': 'An otelcol.storage.file handler makes the queue persistent.',
  '* > retry_on_failure > max_elapsed_time': 'Give up after this long ("0s" = never); data is held in the queue meanwhile.',
  'prometheus.remote_write > endpoint > queue_config > capacity': 'Samples buffered per shard.',
  'prometheus.remote_write > endpoint > queue_config > max_shards': 'Most concurrent shards; memory ≈ max_shards × capacity samples.',
  'prometheus.remote_write > endpoint > queue_config > max_samples_per_send': 'Samples per request.',
  'prometheus.remote_write > wal > truncate_frequency': 'How often the WAL is truncated.',
  'loki.write > endpoint > batch_size': 'Largest batch to send.',
  'loki.write > endpoint > batch_wait': 'Send a partial batch after this long.',
  'loki.write > endpoint > queue_config > capacity': 'Bytes buffered per shard.',
  'prometheus.scrape > scrape_interval': 'How often to scrape.',
  'prometheus.scrape > scrape_timeout': 'Scrape timeout; must not exceed scrape_interval.',
  'prometheus.scrape > sample_limit': 'Most samples per scrape (0 = no limit).',
};
