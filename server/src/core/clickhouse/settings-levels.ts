// Where each ClickHouse setting belongs, for the settings Headroom checks. Sources: ClickHouse
// src/Core/ServerSettings.cpp (server settings, top level of config.xml / config.d) and
// src/Core/Settings.cpp (user-level settings, `<profiles><name>` in users.xml / users.d), as summarised in
// research/kubernetes-helm-clickhouse-linting.md §8.1–8.2. A user-level setting at the top level of a
// config file makes the server refuse to start (Settings::checkNoSettingNamesAtTopLevel, code 137),
// except obsolete ones such as background_pool_size and the two that exist at both levels.

export const SERVER_SETTINGS = new Set([
  'max_server_memory_usage', 'max_server_memory_usage_to_ram_ratio',
  'max_concurrent_queries', 'max_concurrent_insert_queries', 'max_concurrent_select_queries', 'max_waiting_queries',
  'max_connections',
  'background_pool_size', 'background_schedule_pool_size', 'background_move_pool_size', 'background_fetches_pool_size',
  'background_common_pool_size', 'background_buffer_flush_schedule_pool_size', 'background_message_broker_schedule_pool_size',
  'background_distributed_schedule_pool_size', 'background_merges_mutations_concurrency_ratio',
  'async_insert_threads', 'async_insert_queue_flush_on_shutdown',
  'mark_cache_size', 'uncompressed_cache_size', 'cache_size_to_ram_max_ratio',
  'merges_mutations_memory_usage_soft_limit', 'merges_mutations_memory_usage_to_ram_ratio',
  'max_table_size_to_drop', 'max_partition_size_to_drop',
]);

export const USER_SETTINGS = new Set([
  'max_memory_usage', 'max_memory_usage_for_user', 'max_threads', 'max_execution_time',
  'async_insert', 'wait_for_async_insert', 'async_insert_max_data_size', 'async_insert_busy_timeout_ms',
  'async_insert_busy_timeout_max_ms', 'async_insert_busy_timeout_min_ms', 'async_insert_use_adaptive_busy_timeout',
  'async_insert_max_query_number', 'async_insert_deduplicate', 'async_insert_stale_timeout_ms',
  'max_concurrent_queries_for_user', 'max_concurrent_queries_for_all_users',
  'use_uncompressed_cache', 'max_bytes_before_external_group_by', 'max_bytes_before_external_sort',
  'max_insert_block_size', 'load_balancing', 'log_queries', 'readonly', 'max_result_rows', 'max_rows_to_read',
]);

/** Settings allowed at both levels without an error (obsolete user-level names, or genuinely both). */
export const BOTH_LEVELS = new Set(['background_pool_size', 'background_schedule_pool_size', 'max_table_size_to_drop', 'max_partition_size_to_drop']);

/** Numeric settings whose literal value Headroom checks. */
export const NUMERIC_SETTINGS = new Set([...SERVER_SETTINGS, 'max_memory_usage', 'max_memory_usage_for_user', 'max_threads', 'async_insert_max_data_size', 'async_insert_busy_timeout_ms']);
