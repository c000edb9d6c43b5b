import type { AttributeStmt, BlockStmt } from '../ast';
import type { BlockSpec, ComponentSpec } from '../schema/types';
import { COMPONENTS_BY_NAME } from '../schema/components';
import type { AlloyRuleContext } from '../rule-context';

export interface SchemaVisit {
  component: ComponentSpec;
  componentBlock: BlockStmt;
  /** The block being visited (the component itself or a nested block) and its spec. */
  block: BlockStmt;
  spec: BlockSpec;
  /** `otelcol.exporter.otlp > client > tls`, for messages. */
  path: string;
}

/** Visits every component the schema knows, and each nested block it knows, with the matching spec. */
export function forEachKnownBlock(ctx: AlloyRuleContext, visit: (v: SchemaVisit) => void): void {
  for (const componentBlock of ctx.index.components.values()) {
    const component = COMPONENTS_BY_NAME.get(componentBlock.name);
    if (!component) continue;
    const walk = (block: BlockStmt, spec: BlockSpec, path: string) => {
      visit({ component, componentBlock, block, spec, path });
      if (spec.open) return;
      for (const statement of block.body) {
        if (statement.kind !== 'block') continue;
        const child = spec.blocks[statement.name];
        if (child) walk(statement, child, `${path} > ${statement.name}`);
      }
    };
    walk(componentBlock, component, component.name);
  }
}

export function attributesOf(block: BlockStmt): AttributeStmt[] {
  return block.body.filter((s): s is AttributeStmt => s.kind === 'attribute');
}
