import type { SchemaArg, SchemaBlock, SchemaComponent } from './model';
import type { SchemaData, DataArg, DataBlock, DataBlockUse, DataComponent } from '../../server/src/core/alloy/schema/data-types';

// Writes the committed data: every block that appears twice or more with the same content (TLS, HTTP
// client, queue, retry, output…) is stored once under `shared` and referenced by id, and an argument
// that is only a type is written as that type string.

export function toData(
  components: Map<string, SchemaComponent>,
  meta: Omit<SchemaData, 'shared' | 'components' | 'configBlocks'>,
  configBlocks = new Map<string, SchemaComponent>(),
): SchemaData {
  // Pass 1: count identical block contents, and find the blocks that contain themselves.
  const counts = new Map<string, number>();
  const recursiveTypes = new Set<string>();
  const recursiveIds = new Map<string, string>();
  const visit = (block: SchemaBlock) => {
    for (const child of Object.values(block.blocks)) {
      if (child.recursive) recursiveTypes.add(child.recursive);
      const key = contentKey(child);
      counts.set(key, (counts.get(key) ?? 0) + 1);
      visit(child);
    }
  };
  for (const component of [...components.values(), ...configBlocks.values()]) visit(component);

  const shared: Record<string, DataBlock> = {};
  const ids = new Map<string, string>();
  const usedIds = new Set<string>();
  const idFor = (block: SchemaBlock, name: string): string => {
    const key = contentKey(block);
    let id = ids.get(key);
    if (id) return id;
    const base = block.goType ? shortGoName(block.goType) : name;
    id = base;
    for (let n = 2; usedIds.has(id); n++) id = `${base}#${n}`;
    usedIds.add(id);
    ids.set(key, id);
    if (block.goType && recursiveTypes.has(block.goType) && !recursiveIds.has(block.goType)) recursiveIds.set(block.goType, id);
    shared[id] = encodeBlockBody(block, use);
    return id;
  };
  const use = (block: SchemaBlock, name: string): DataBlockUse => {
    const flags = useFlags(block);
    if (block.recursive) {
      const id = recursiveIds.get(block.recursive);
      if (!id) throw new Error(`recursive block ${block.recursive} met before its ancestor`);
      return { ref: id, ...flags };
    }
    if (block.goType && recursiveTypes.has(block.goType)) return { ref: idFor(block, name), ...flags };
    if ((counts.get(contentKey(block)) ?? 0) >= 2 && (Object.keys(block.args).length + Object.keys(block.blocks).length) > 0) {
      return { ref: idFor(block, name), ...flags };
    }
    return { ...encodeBlockBody(block, use), ...flags };
  };

  const encode = (c: SchemaComponent): DataComponent => {
    const body = encodeBlockBody(c, use);
    const component: DataComponent = {
      page: c.page,
      stability: c.stability === 'generally-available' ? 'ga' : c.stability,
      ...(c.community ? { community: true } : {}),
      ...(c.since ? { since: c.since } : {}),
      ...(c.removed ? { removed: c.removed } : {}),
      exports: c.exports,
      ...body,
    };
    if (!component.page) delete component.page;
    return component;
  };
  const out: Record<string, DataComponent> = {};
  for (const name of [...components.keys()].sort()) out[name] = encode(components.get(name)!);
  const config: Record<string, DataComponent> = {};
  for (const name of [...configBlocks.keys()].sort()) config[name] = encode(configBlocks.get(name)!);
  const sortedShared: Record<string, DataBlock> = {};
  for (const id of Object.keys(shared).sort()) sortedShared[id] = shared[id];
  return { ...meta, shared: sortedShared, components: out, configBlocks: config };
}

function encodeBlockBody(block: SchemaBlock, use: (block: SchemaBlock, name: string) => DataBlockUse): DataBlock {
  const body: DataBlock = {};
  const args = Object.entries(block.args);
  if (args.length > 0) body.args = Object.fromEntries(args.sort(([a], [b]) => a.localeCompare(b)).map(([n, a]) => [n, encodeArg(a)]));
  const blocks = Object.entries(block.blocks);
  if (blocks.length > 0) body.blocks = Object.fromEntries(blocks.sort(([a], [b]) => a.localeCompare(b)).map(([n, b]) => [n, use(b, n)]));
  if (block.labelled) body.labelled = true;
  return body;
}

function useFlags(block: SchemaBlock): Partial<DataBlockUse> {
  const flags: Partial<DataBlockUse> = {};
  if (block.required) flags.required = true;
  if (block.repeatable) flags.repeatable = true;
  if (block.ordered) flags.ordered = true;
  if (block.deprecated) flags.deprecated = block.deprecated;
  if (block.since) flags.since = block.since;
  if (block.removed) flags.removed = block.removed;
  return flags;
}

function encodeArg(arg: SchemaArg): DataArg {
  const { type, ...rest } = arg;
  if (Object.keys(rest).length === 0) return type;
  const out: Exclude<DataArg, string> = { type };
  if (arg.required) out.required = true;
  if (arg.default !== undefined) out.default = arg.default;
  if (arg.enum) out.enum = arg.enum;
  if (arg.enumFromDocs) out.enumFromDocs = true;
  if (arg.deprecated) out.deprecated = arg.deprecated;
  if (arg.since) out.since = arg.since;
  if (arg.removed) out.removed = arg.removed;
  if (arg.defaults) out.defaults = arg.defaults;
  return out;
}

/** Content of a block (its own use flags left out: a shared block may be required in one place only). */
function contentKey(block: SchemaBlock): string {
  const body = { args: block.args, blocks: block.blocks, labelled: block.labelled, recursive: block.recursive };
  return JSON.stringify(body, (key, value) => (key === 'goType' ? undefined : value));
}

/** `github.com/grafana/alloy/internal/component/otelcol.GRPCClientArguments` → `otelcol.GRPCClientArguments`. */
function shortGoName(goType: string): string {
  const slash = goType.lastIndexOf('/');
  return slash >= 0 ? goType.slice(slash + 1) : goType;
}
