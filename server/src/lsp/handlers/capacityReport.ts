import { buildCapacityReport, type CapacityReport } from '../../core/report/model';
import type { ServerContext } from '../context';

/** `headroom/capacityReport`: the capacity report of the workspace index (open documents and scanned files). */
export const CAPACITY_REPORT_REQUEST = 'headroom/capacityReport';

export function register(ctx: ServerContext): void {
  ctx.connection.onRequest(CAPACITY_REPORT_REQUEST, (): CapacityReport => {
    ctx.sync();
    const { catalog, config } = ctx.engine.context();
    return buildCapacityReport(ctx.engine.all(), catalog, config);
  });
}
