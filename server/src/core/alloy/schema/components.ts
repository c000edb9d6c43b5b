import type { ArgSpec, BlockSpec, ComponentSpec } from './types';

// Capacity-relevant Alloy components (Alloy 1.18), from the reference pages under grafana/alloy
// docs/sources/reference/components/ and the shared fragments in docs/sources/shared/reference/components/
// (summarised in research/alloy-language-and-components.md §7). Only components listed here are checked
// for unknown arguments; nested blocks marked `open` are not checked inside.

const arg = (type: ArgSpec['type'], doc: string, extra: Partial<ArgSpec> = {}): ArgSpec => ({ type, doc, ...extra });
const block = (doc: string, args: BlockSpec['args'] = {}, blocks: BlockSpec['blocks'] = {}, extra: Partial<BlockSpec> = {}): BlockSpec =>
  ({ doc, args, blocks, ...extra });
const openBlock = (doc: string, extra: Partial<BlockSpec> = {}): BlockSpec => ({ doc, args: {}, blocks: {}, open: true, ...extra });

const debugMetrics = block('Debug metrics settings.', {
  disable_high_cardinality_metrics: arg('bool', 'Drop high-cardinality attributes from debug metrics.', { default: true }),
});

const output = block('Where to send telemetry; each list holds `otelcol.Consumer` values such as `otelcol.exporter.otlp.default.input`.', {
  metrics: arg('list', 'Consumers for metrics.', { default: '[]' }),
  logs: arg('list', 'Consumers for logs.', { default: '[]' }),
  traces: arg('list', 'Consumers for traces.', { default: '[]' }),
}, {}, { required: true });

const tlsClient = openBlock('TLS settings for the connection.');
const tlsServer = openBlock('TLS settings for the server.');

const queueBatch = block('Exporter-side batching; disabled unless this block is present.', {
  flush_timeout: arg('duration', 'Flush a batch after this long.', { default: '"200ms"' }),
  min_size: arg('number', 'Minimum batch size before sending.', { default: 2000 }),
  max_size: arg('number', 'Maximum batch size; must be >= min_size.', { default: 3000 }),
  sizer: arg('string', 'items or bytes.', { default: '"items"' }),
});

const sendingQueue = block('Queue of requests waiting to be exported (memory held per exporter).', {
  enabled: arg('bool', 'Enable the queue.', { default: true }),
  num_consumers: arg('number', 'Concurrent senders.', { default: 10 }),
  queue_size: arg('number', 'Capacity of the queue, in `sizer` units; must be > 0.', { default: 1000 }),
  sizer: arg('string', 'requests, items or bytes.', { default: '"requests"' }),
  block_on_overflow: arg('bool', 'Block instead of dropping when full.', { default: false }),
  blocking: arg('bool', 'Deprecated name of block_on_overflow.', { default: false }),
  wait_for_result: arg('bool', 'Wait for the export result.', { default: false }),
  storage: arg('capsule', 'otelcol.storage.file handler for a persistent queue.'),
}, { batch: queueBatch });

const retryOnFailure = block('Retry failed exports with exponential back-off.', {
  enabled: arg('bool', 'Enable retries.', { default: true }),
  initial_interval: arg('duration', 'First back-off.', { default: '"5s"' }),
  max_interval: arg('duration', 'Largest back-off.', { default: '"30s"' }),
  max_elapsed_time: arg('duration', 'Give up after this long ("0s" = never).', { default: '"5m"' }),
  multiplier: arg('number', 'Back-off multiplier.', { default: 1.5 }),
  randomization_factor: arg('number', 'Jitter.', { default: 0.5 }),
});

const grpcClient = block('gRPC client settings.', {
  endpoint: arg('string', 'host:port to send to.', { required: true }),
  compression: arg('string', 'gzip, zlib, deflate, snappy, zstd, none or "".', { default: '"gzip"' }),
  headers: arg('map', 'Headers sent with every request.', { default: '{}' }),
  balancer_name: arg('string', 'gRPC load balancer.', { default: '"round_robin"' }),
  authority: arg('string', ':authority header override.'),
  wait_for_ready: arg('bool', 'Wait for the connection to be ready.', { default: false }),
  read_buffer_size: arg('bytes', 'Read buffer size.'),
  write_buffer_size: arg('bytes', 'Write buffer size.', { default: '"512KiB"' }),
  auth: arg('capsule', 'otelcol.auth handler.'),
}, { tls: tlsClient, keepalive: openBlock('Keepalive pings.') }, { required: true });

const httpClient = block('HTTP client settings.', {
  endpoint: arg('string', 'Base URL to send to.', { required: true }),
  timeout: arg('duration', 'Request timeout.', { default: '"30s"' }),
  compression: arg('string', 'Compression.', { default: '"gzip"' }),
  headers: arg('map', 'Headers.', { default: '{}' }),
  auth: arg('capsule', 'otelcol.auth handler.'),
  proxy_url: arg('string', 'Proxy URL.'),
  read_buffer_size: arg('bytes', 'Read buffer size.', { default: 0 }),
  write_buffer_size: arg('bytes', 'Write buffer size.', { default: '"512KiB"' }),
  max_idle_conns: arg('number', 'Idle connections kept.', { default: 100 }),
  max_idle_conns_per_host: arg('number', 'Idle connections per host.', { default: 0 }),
  max_conns_per_host: arg('number', 'Connections per host (0 = no limit).', { default: 0 }),
  idle_conn_timeout: arg('duration', 'Idle connection timeout.', { default: '"90s"' }),
  disable_keep_alives: arg('bool', 'Disable HTTP keep-alive.', { default: false }),
  force_attempt_http2: arg('bool', 'Try HTTP/2.', { default: true }),
  http2_ping_timeout: arg('duration', 'HTTP/2 ping timeout.', { default: '"15s"' }),
  http2_read_idle_timeout: arg('duration', 'HTTP/2 read idle timeout.', { default: '"0s"' }),
}, { tls: tlsClient, compression_params: openBlock('Compression level.'), cookies: openBlock('Cookie handling.') }, { required: true });

/** Arguments of the shared Prometheus-style HTTP client (auth, proxy, HTTP/2). */
const promHttpArgs: Record<string, ArgSpec> = {
  bearer_token: arg('secret', 'Bearer token.'),
  bearer_token_file: arg('string', 'File holding a bearer token.'),
  enable_http2: arg('bool', 'Use HTTP/2.', { default: true }),
  follow_redirects: arg('bool', 'Follow redirects.', { default: true }),
  proxy_url: arg('string', 'Proxy URL.'),
  no_proxy: arg('string', 'Hosts not to proxy.'),
  proxy_from_environment: arg('bool', 'Use HTTP(S)_PROXY.', { default: false }),
  proxy_connect_header: arg('map', 'Headers for proxy CONNECT.'),
  http_headers: arg('map', 'Extra headers.'),
};
const promHttpBlocks: Record<string, BlockSpec> = {
  basic_auth: openBlock('Basic authentication.'),
  authorization: openBlock('Authorization header.'),
  oauth2: openBlock('OAuth2.'),
  tls_config: openBlock('TLS settings.'),
};

export const COMPONENTS: ComponentSpec[] = [
  {
    name: 'otelcol.processor.batch',
    docs: 'otelcol/otelcol.processor.batch.md',
    doc: 'Batches telemetry before it is sent on, to cut request counts and compress better. Put it after the memory limiter.',
    args: {
      timeout: arg('duration', 'Send a batch this long after the last one, even if it is not full.', { default: '"200ms"' }),
      send_batch_size: arg('number', 'Number of items that triggers sending a batch (a trigger, not a hard size).', { default: 2000 }),
      send_batch_max_size: arg('number', 'Upper bound on a batch; 0 = no limit. If not 0 it must be >= send_batch_size.', { default: 3000 }),
      metadata_keys: arg('list', 'One batcher per distinct combination of these metadata values.', { default: '[]' }),
      metadata_cardinality_limit: arg('number', 'Most distinct metadata combinations (each holds a pending batch).', { default: 1000 }),
    },
    blocks: { output, debug_metrics: debugMetrics },
    exports: { input: 'otelcol.Consumer' },
  },
  {
    name: 'otelcol.processor.memory_limiter',
    docs: 'otelcol/otelcol.processor.memory_limiter.md',
    doc: 'Refuses data when memory use passes the soft limit (limit − spike_limit) and forces GC at the hard limit. Put it first after the receivers.',
    args: {
      check_interval: arg('duration', 'How often memory use is measured. Required; the docs recommend "1s".', { required: true }),
      limit: arg('bytes', 'Hard memory limit, e.g. "1000MiB".', { default: '"0MiB"' }),
      spike_limit: arg('bytes', 'Headroom for spikes between checks; soft limit = limit − spike_limit.', { default: '20% of limit' }),
      limit_percentage: arg('number', 'Hard limit as a percentage of total memory (1–100); not together with limit.', { default: 0 }),
      spike_limit_percentage: arg('number', 'Spike limit as a percentage of total memory.', { default: 0 }),
    },
    blocks: { output, debug_metrics: debugMetrics },
    exports: { input: 'otelcol.Consumer' },
  },
  {
    name: 'otelcol.receiver.otlp',
    docs: 'otelcol/otelcol.receiver.otlp.md',
    doc: 'Receives OTLP over gRPC and HTTP. A protocol is served only when its block is present.',
    args: {},
    blocks: {
      grpc: block('OTLP/gRPC server.', {
        endpoint: arg('string', 'Listen address.', { default: '"0.0.0.0:4317"' }),
        transport: arg('string', 'Transport.', { default: '"tcp"' }),
        max_recv_msg_size: arg('bytes', 'Largest message accepted.', { default: '"4MiB"' }),
        max_concurrent_streams: arg('number', 'Concurrent streams per connection.'),
        read_buffer_size: arg('bytes', 'Read buffer size.', { default: '"512KiB"' }),
        write_buffer_size: arg('bytes', 'Write buffer size.'),
        include_metadata: arg('bool', 'Pass client metadata on.', { default: false }),
        auth: arg('capsule', 'otelcol.auth handler.'),
      }, { tls: tlsServer, keepalive: openBlock('Keepalive settings.') }),
      http: block('OTLP/HTTP server.', {
        endpoint: arg('string', 'Listen address.', { default: '"0.0.0.0:4318"' }),
        traces_url_path: arg('string', 'Path for traces.', { default: '"/v1/traces"' }),
        metrics_url_path: arg('string', 'Path for metrics.', { default: '"/v1/metrics"' }),
        logs_url_path: arg('string', 'Path for logs.', { default: '"/v1/logs"' }),
        max_request_body_size: arg('bytes', 'Largest request body.', { default: '"20MiB"' }),
        include_metadata: arg('bool', 'Pass client metadata on.', { default: false }),
        compression_algorithms: arg('list', 'Accepted compressions.'),
        idle_timeout: arg('duration', 'Idle timeout.', { default: '"1m"' }),
        read_header_timeout: arg('duration', 'Header read timeout.', { default: '"1m"' }),
        read_timeout: arg('duration', 'Read timeout.'),
        write_timeout: arg('duration', 'Write timeout.', { default: '"30s"' }),
        keep_alives_enabled: arg('bool', 'HTTP keep-alive.', { default: true }),
        auth: arg('capsule', 'otelcol.auth handler.'),
      }, { tls: tlsServer, cors: openBlock('CORS settings.') }),
      output,
      debug_metrics: debugMetrics,
    },
    exports: {},
  },
  {
    name: 'otelcol.exporter.otlp',
    docs: 'otelcol/otelcol.exporter.otlp.md',
    doc: 'Sends OTLP over gRPC. Its sending_queue holds data in memory while the backend is slow or down.',
    args: { timeout: arg('duration', 'Time to wait for each export.', { default: '"5s"' }) },
    blocks: { client: grpcClient, sending_queue: sendingQueue, retry_on_failure: retryOnFailure, debug_metrics: debugMetrics },
    exports: { input: 'otelcol.Consumer' },
  },
  {
    name: 'otelcol.exporter.otlphttp',
    docs: 'otelcol/otelcol.exporter.otlphttp.md',
    doc: 'Sends OTLP over HTTP. Its sending_queue holds data in memory while the backend is slow or down.',
    args: {
      encoding: arg('string', 'proto or json.', { default: '"proto"' }),
      traces_endpoint: arg('string', 'Overrides client.endpoint + "/v1/traces".'),
      metrics_endpoint: arg('string', 'Overrides client.endpoint + "/v1/metrics".'),
      logs_endpoint: arg('string', 'Overrides client.endpoint + "/v1/logs".'),
    },
    blocks: { client: httpClient, sending_queue: sendingQueue, retry_on_failure: retryOnFailure, debug_metrics: debugMetrics },
    exports: { input: 'otelcol.Consumer' },
  },
  {
    name: 'prometheus.remote_write',
    docs: 'prometheus/prometheus.remote_write.md',
    doc: 'Sends metrics to Prometheus-compatible storage. Memory ≈ shards × capacity samples plus the WAL.',
    args: { external_labels: arg('map', 'Labels added to every series.') },
    blocks: {
      endpoint: block('A remote-write destination.', {
        url: arg('string', 'Where to send.', { required: true }),
        name: arg('string', 'Endpoint name in metrics.'),
        remote_timeout: arg('duration', 'Request timeout.', { default: '"30s"' }),
        headers: arg('map', 'Extra headers.'),
        send_exemplars: arg('bool', 'Send exemplars.', { default: true }),
        send_native_histograms: arg('bool', 'Send native histograms.', { default: false }),
        protobuf_message: arg('string', 'Remote-write message type.', { default: '"prometheus.WriteRequest"' }),
        round_robin_dns: arg('bool', 'Round-robin over DNS results.', { default: false }),
        ...promHttpArgs,
      }, {
        queue_config: block('Sending queue per endpoint.', {
          capacity: arg('number', 'Samples buffered per shard.', { default: 10000 }),
          max_shards: arg('number', 'Most concurrent shards.', { default: 50 }),
          min_shards: arg('number', 'Fewest shards.', { default: 1 }),
          max_samples_per_send: arg('number', 'Samples per request.', { default: 2000 }),
          batch_send_deadline: arg('duration', 'Send a partial batch after this long.', { default: '"5s"' }),
          min_backoff: arg('duration', 'First retry back-off.', { default: '"30ms"' }),
          max_backoff: arg('duration', 'Largest back-off.', { default: '"5s"' }),
          retry_on_http_429: arg('bool', 'Retry on 429.', { default: true }),
          sample_age_limit: arg('duration', 'Drop samples older than this ("0s" = never).', { default: '"0s"' }),
        }),
        metadata_config: block('Metric metadata sending.', {
          send: arg('bool', 'Send metadata.', { default: true }),
          send_interval: arg('duration', 'How often.', { default: '"1m"' }),
          max_samples_per_send: arg('number', 'Metadata per request.', { default: 2000 }),
        }),
        write_relabel_config: openBlock('Relabelling before sending.', { repeatable: true }),
        sigv4: openBlock('AWS SigV4 signing.'),
        azuread: openBlock('Azure AD authentication.'),
        google_iam: openBlock('Google IAM authentication.'),
        ...promHttpBlocks,
      }, { repeatable: true }),
      wal: block('Write-ahead log.', {
        truncate_frequency: arg('duration', 'How often the WAL is truncated.', { default: '"2h"' }),
        min_keepalive_time: arg('duration', 'Keep data at least this long.', { default: '"5m"' }),
        max_keepalive_time: arg('duration', 'Keep data at most this long.', { default: '"8h"' }),
      }),
    },
    exports: { receiver: 'MetricsReceiver' },
  },
  {
    name: 'loki.write',
    docs: 'loki/loki.write.md',
    doc: 'Sends logs to Loki. Worst-case memory ≈ queue capacity × shards per endpoint.',
    args: {
      external_labels: arg('map', 'Labels added to every stream.', { default: '{}' }),
      max_streams: arg('number', 'Most streams kept (0 = no limit).', { default: 0 }),
    },
    blocks: {
      endpoint: block('A Loki push destination.', {
        url: arg('string', 'Push URL.', { required: true }),
        name: arg('string', 'Endpoint name in metrics.'),
        batch_size: arg('bytes', 'Largest batch to send.', { default: '"1MiB"' }),
        batch_wait: arg('duration', 'Send a partial batch after this long.', { default: '"1s"' }),
        remote_timeout: arg('duration', 'Request timeout.', { default: '"10s"' }),
        min_backoff_period: arg('duration', 'First back-off.', { default: '"500ms"' }),
        max_backoff_period: arg('duration', 'Largest back-off.', { default: '"5m"' }),
        max_backoff_retries: arg('number', 'Retries before dropping.', { default: 10 }),
        retry_on_http_429: arg('bool', 'Retry on 429.', { default: true }),
        tenant_id: arg('string', 'X-Scope-OrgID.'),
        headers: arg('map', 'Extra headers.'),
        ...promHttpArgs,
      }, {
        queue_config: block('Sending queue.', {
          capacity: arg('bytes', 'Bytes buffered per shard.', { default: '"10MiB"' }),
          min_shards: arg('number', 'Fewest shards.', { default: 1 }),
          drain_timeout: arg('duration', 'Time to drain on shutdown.', { default: '"1m"' }),
          block_on_overflow: arg('bool', 'Block instead of dropping when full.', { default: true }),
        }),
        ...promHttpBlocks,
      }, { repeatable: true }),
      wal: block('Write-ahead log.', {
        enabled: arg('bool', 'Enable the WAL.', { default: false }),
        max_segment_age: arg('duration', 'Age at which a segment is cut.', { default: '"1h"' }),
        min_read_frequency: arg('duration', 'Fastest WAL read.', { default: '"250ms"' }),
        max_read_frequency: arg('duration', 'Slowest WAL read.', { default: '"1s"' }),
        drain_timeout: arg('duration', 'Time to drain on shutdown.', { default: '"30s"' }),
      }),
    },
    exports: { receiver: 'LogsReceiver' },
  },
  {
    name: 'prometheus.scrape',
    docs: 'prometheus/prometheus.scrape.md',
    doc: 'Scrapes targets and forwards the samples. Load grows with targets × series ÷ scrape_interval; sample_limit and clustering bound it.',
    args: {
      targets: arg('list', 'Targets to scrape.', { required: true }),
      forward_to: arg('list', 'Receivers of the scraped samples.', { required: true }),
      job_name: arg('string', 'The job label (default: the component name).'),
      extra_metrics: arg('bool', 'Add extra scrape metrics.', { default: false }),
      honor_labels: arg('bool', 'Keep conflicting target labels.', { default: false }),
      honor_timestamps: arg('bool', 'Keep scraped timestamps.', { default: true }),
      honor_metadata: arg('bool', 'Keep metadata (experimental).', { default: false }),
      track_timestamps_staleness: arg('bool', 'Track staleness of explicit timestamps.', { default: false }),
      params: arg('map', 'URL parameters.'),
      scrape_classic_histograms: arg('bool', 'Also scrape classic histograms.', { default: false }),
      scrape_native_histograms: arg('bool', 'Scrape native histograms.', { default: false }),
      native_histogram_bucket_limit: arg('number', 'Bucket limit for native histograms.'),
      native_histogram_min_bucket_factor: arg('number', 'Minimum bucket growth factor.'),
      convert_classic_histograms_to_nhcb: arg('bool', 'Convert classic histograms to NHCB.', { default: false }),
      scrape_interval: arg('duration', 'How often to scrape.', { default: '"60s"' }),
      scrape_timeout: arg('duration', 'Scrape timeout; must not exceed scrape_interval.', { default: '"10s"' }),
      scrape_protocols: arg('list', 'Accepted exposition formats, in order.'),
      scrape_fallback_protocol: arg('string', 'Protocol when the content type is unknown.'),
      scrape_failure_log_file: arg('string', 'File to log scrape failures to.'),
      metrics_path: arg('string', 'Path to scrape.', { default: '"/metrics"' }),
      scheme: arg('string', 'http or https.', { default: '"http"' }),
      body_size_limit: arg('bytes', 'Largest scrape body.'),
      sample_limit: arg('number', 'Most samples per scrape (0 = no limit).', { default: 0 }),
      target_limit: arg('number', 'Most targets (0 = no limit).', { default: 0 }),
      label_limit: arg('number', 'Most labels per sample.', { default: 0 }),
      label_name_length_limit: arg('number', 'Longest label name.', { default: 0 }),
      label_value_length_limit: arg('number', 'Longest label value.', { default: 0 }),
      enable_compression: arg('bool', 'Accept compressed responses.', { default: true }),
      metric_name_validation_scheme: arg('string', 'legacy or utf8.', { default: '"legacy"' }),
      metric_name_escaping_scheme: arg('string', 'Escaping of metric names.', { default: '"underscores"' }),
      ...promHttpArgs,
    },
    blocks: {
      clustering: block('Distribute targets over the cluster.', { enabled: arg('bool', 'Enable clustering.', { default: false }) }),
      ...promHttpBlocks,
    },
    exports: {},
  },
  {
    name: 'pyroscope.write',
    docs: 'pyroscope/pyroscope.write.md',
    doc: 'Sends profiles to Pyroscope.',
    args: { external_labels: arg('map', 'Labels added to every profile.') },
    blocks: {
      endpoint: block('A Pyroscope destination.', {
        url: arg('string', 'Where to send.', { required: true }),
        name: arg('string', 'Endpoint name.'),
        remote_timeout: arg('duration', 'Request timeout.', { default: '"10s"' }),
        headers: arg('map', 'Extra headers.'),
        min_backoff_period: arg('duration', 'First back-off.', { default: '"500ms"' }),
        max_backoff_period: arg('duration', 'Largest back-off.', { default: '"5m"' }),
        max_backoff_retries: arg('number', 'Retries before dropping.', { default: 10 }),
        ...promHttpArgs,
      }, { ...promHttpBlocks }, { repeatable: true }),
    },
    exports: { receiver: 'ProfilesReceiver' },
  },
];

export const COMPONENTS_BY_NAME = new Map(COMPONENTS.map((c) => [c.name, c]));
