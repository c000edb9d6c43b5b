import type { SignatureHelpResult } from '../editor-types';
import type { HoverResult, Position } from '../types';
import { blockPathAt } from './components';
import { moduleScope, resolveComponent, scopeAt } from './module-scope';
import type { AlloyParsed } from './parser';
import { lookupStdlib, signatureOf, stdlibMarkdown, type StdlibEntry } from './stdlib';

// Signature help and hover for standard-library functions (the table in stdlib.ts).

/**
 * The call around the cursor and its active argument. It is read from the text, not the tree: while a
 * call is being typed (`sys.env(`) the tree holds an error there. The scan starts at the `{` of the
 * innermost block around the cursor and follows brackets, strings and comments up to the cursor.
 */
export function signatureHelp(parsed: AlloyParsed, position: Position): SignatureHelpResult | null {
  const text = parsed.doc.text;
  const offset = parsed.lines.offsetAt(position);
  const blocks = blockPathAt(parsed.ast.body, offset).filter((b) => b.openBrace.end <= offset);
  const start = blocks.length > 0 ? blocks[blocks.length - 1].openBrace.end : 0;
  const call = openCallAt(text, start, offset);
  if (!call) return null;
  const entry = lookupStdlib(call.callee);
  if (entry?.kind !== 'function') return null;
  const { fn } = entry;
  const signature = signatureOf(fn, call.callee);
  const last = fn.parameters.length - 1;
  const activeParameter = last >= 0 && fn.parameters[last].variadic ? Math.min(call.commas, last) : call.commas;
  return {
    label: signature.label,
    documentation: stdlibMarkdown(entry, false),
    parameters: signature.parameters.map((label, i) => ({ label, documentation: `\`${fn.parameters[i].type}\`` })),
    activeParameter,
  };
}

interface Frame {
  bracket: '(' | '[' | '{';
  callee?: string;
  commas: number;
}

const CLOSING: Record<string, Frame['bracket']> = { ')': '(', ']': '[', '}': '{' };
const CALLEE_BEFORE = /([\p{L}_][\p{L}\p{Nd}_]*(?:\s*\.\s*[\p{L}_][\p{L}\p{Nd}_]*)*)\s*$/u;

/** The innermost call whose `(` is open at `end`, scanning from `start`: its dotted callee and the commas before `end`. */
function openCallAt(text: string, start: number, end: number): { callee: string; commas: number } | undefined {
  const stack: Frame[] = [];
  let i = start;
  while (i < end) {
    const ch = text[i];
    if (ch === '"') {
      i++;
      while (i < end && text[i] !== '"' && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      i++;
    } else if (ch === '`') {
      const close = text.indexOf('`', i + 1);
      i = close < 0 ? end : close + 1;
    } else if (text.startsWith('//', i)) {
      const newline = text.indexOf('\n', i);
      i = newline < 0 ? end : newline;
    } else if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? end : close + 2;
    } else {
      if (ch === '(' || ch === '[' || ch === '{') {
        const callee = ch === '(' ? CALLEE_BEFORE.exec(text.slice(Math.max(start, i - 200), i))?.[1].replace(/\s+/g, '') : undefined;
        stack.push({ bracket: ch, callee, commas: 0 });
      } else if (ch in CLOSING) {
        const at = stack.map((f) => f.bracket).lastIndexOf(CLOSING[ch]);
        if (at >= 0) stack.length = at;
      } else if (ch === ',' && stack.length > 0) {
        stack[stack.length - 1].commas++;
      }
      i++;
    }
  }
  for (let k = stack.length - 1; k >= 0; k--) {
    const frame = stack[k];
    if (frame.bracket === '(') return frame.callee ? { callee: frame.callee, commas: frame.commas } : undefined;
  }
  return undefined;
}

/** Hover on a standard-library function or constant: its signature, summary and reference page. */
export function stdlibHover(parsed: AlloyParsed, position: Position): HoverResult | null {
  const offset = parsed.lines.offsetAt(position);
  const scope = scopeAt(moduleScope(parsed.ast), offset);
  const chain = scope.chains.find((c) => c.spans[0].start <= offset && offset <= c.spans[c.spans.length - 1].end);
  if (!chain || chain.vars.has(chain.parts[0]) || resolveComponent(scope.components, chain.parts)) return null;
  let entry: StdlibEntry | undefined;
  let length = 0;
  for (const candidate of [2, 1]) {
    if (chain.parts.length < candidate) continue;
    entry = lookupStdlib(chain.parts.slice(0, candidate).join('.'));
    if (entry) {
      length = candidate;
      break;
    }
  }
  if (!entry || chain.spans[length - 1].end < offset) return null;
  return { range: parsed.lines.range(chain.spans[0].start, chain.spans[length - 1].end), markdown: stdlibMarkdown(entry, true) };
}
