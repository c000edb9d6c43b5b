import { initAlloyParser, parseAlloy } from '../../../server/src/core/alloy/parser';
import { formatAlloy, type FormatOutcome } from '../../../server/src/core/alloy/format';
import { meaningOf } from '../../../server/src/core/alloy/format/meaning';

// Shared by the formatter's tests: format a text, and what formatting must preserve.

export async function loadParser(): Promise<void> {
  await initAlloyParser();
}

export function format(text: string): FormatOutcome {
  const parsed = parseAlloy({ uri: 'file:///test.alloy', text });
  try {
    return formatAlloy(parsed);
  } finally {
    parsed.dispose();
  }
}

/** The formatted text; fails the test with the refusal when the formatter refuses. */
export function formatted(text: string): string {
  const outcome = format(text);
  if (!outcome.ok) throw new Error(`refused: ${outcome.refusal.message} at ${JSON.stringify(outcome.refusal.range.start)}`);
  return outcome.text;
}

/** The AST without positions plus the comments, and whether the text has a syntax finding. */
export function meaning(text: string): { syntaxErrors: number; meaning: string } {
  const parsed = parseAlloy({ uri: 'file:///meaning.alloy', text });
  try {
    return { syntaxErrors: parsed.syntax.length, meaning: meaningOf(parsed) };
  } finally {
    parsed.dispose();
  }
}

/**
 * The one way `alloy fmt` is not idempotent on real files (../shared/alloy-fmt/README.txt): an input
 * with an empty object or list written over several lines (`headers = {` newline `}`), which the first
 * pass prints as `{}` while still ending the alignment run there; only the second pass joins the runs.
 */
export function hasMultiLineEmptyBrackets(text: string): boolean {
  return /[{[][ \t]*\n[ \t\n]*[}\]]/.test(text.replace(/"(?:[^"\\\n]|\\.)*"|`[^`]*`|\/\/[^\n]*/g, '""'));
}
