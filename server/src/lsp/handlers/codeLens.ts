import type { ServerContext } from '../context';

/** Capacity estimates as code lenses: informational titles with no command to run. */
export function register(ctx: ServerContext): void {
  ctx.connection.onCodeLens(({ textDocument }) => {
    ctx.sync();
    return ctx.engine.codeLenses(textDocument.uri).map((lens) => ({ range: lens.range, command: { title: lens.title, command: '' } }));
  });
}
