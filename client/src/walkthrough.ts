// The getting-started walkthrough's commands: open the example pipeline as an unsaved Alloy file, and
// open (creating it when missing) the workspace's .headroom.yaml. Kept free of the vscode module.

/**
 * The .headroom.yaml the walkthrough creates. `load` (the traffic the pipelines carry, which sizes them)
 * stays commented out until the configuration schema has it; a test checks that it parses either way.
 */
export const CONFIG_TEMPLATE = `# Headroom workspace configuration (schema: schemas/headroom.schema.json, completed and checked by YAML editors).
# The tier every file is checked against unless it names one with a "headroom: workload=… tier=…" comment:
defaultTier: medium

# The load your pipelines carry, which sizes them:
# load:
#   alloy:
#     otlpRequestsPerMinute: 10000
#   gateway:
#     agents: 100

# Severity per finding code (error, warning, info, hint, off); headroom explain CODE describes a code.
severity:
  alloy/batch-tier: info
`;

/** The `load:` block of CONFIG_TEMPLATE, uncommented. */
export function uncommentedLoad(template = CONFIG_TEMPLATE): string {
  return template.replace(/^# (load:|  .*)$/gm, '$1');
}
