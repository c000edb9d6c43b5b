// How the server turns max_server_memory_usage and max_server_memory_usage_to_ram_ratio into its memory
// limit (ClickHouse programs/server/Server.cpp, main config reloader; the same in every version read, e.g.
// f2c4cad2): default = memory × ratio; max_server_memory_usage 0 takes the default, a larger value is
// lowered to it; the result becomes total_memory_tracker's hard limit. MemoryTracker (src/Common/
// MemoryTracker.cpp, allocImpl) only checks `current_hard_limit && will_be > current_hard_limit`, so a limit
// of 0 means no limit. A ratio of 0 makes the default 0 and lowers any max_server_memory_usage to 0: the
// server then has no memory limit of its own, whatever max_server_memory_usage says.

/** True when this ratio leaves the server with no memory limit (see above). */
export function ratioDisablesServerLimit(ratio: number): boolean {
  return ratio === 0;
}
