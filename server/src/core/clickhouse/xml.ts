import type { Span } from '../alloy/ast';

// A small, error-tolerant XML parser for ClickHouse configuration. It keeps exact spans for every
// element, attribute and text, recovers from unclosed and mismatched tags, and never expands an
// entity beyond the five predefined ones and numeric character references: DOCTYPE and ENTITY
// declarations are reported and skipped, nothing is ever read from a file or the network.

export interface XmlAttribute {
  name: string;
  value: string;
  span: Span;
}

export interface XmlElement {
  name: string;
  attributes: XmlAttribute[];
  children: XmlElement[];
  /** Decoded text directly inside the element (trimmed), and the span of its raw text. */
  text: string;
  textSpan?: Span;
  /** `<name` … `>` of the start tag. */
  startTag: Span;
  nameSpan: Span;
  /** `</name>`, absent when the element is self-closing or never closed. */
  endTag?: Span;
  selfClosing: boolean;
  span: Span;
  parent?: XmlElement;
}

export interface XmlProblem {
  message: string;
  span: Span;
}

export interface XmlDocument {
  root?: XmlElement;
  /** Every top-level element (a well-formed file has one). */
  elements: XmlElement[];
  problems: XmlProblem[];
  comments: { text: string; span: Span }[];
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;

export function parseXml(text: string): XmlDocument {
  const problems: XmlProblem[] = [];
  const comments: XmlDocument['comments'] = [];
  const top: XmlElement[] = [];
  const stack: XmlElement[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let textStart = i;
  // Text arrives in chunks between comments and child tags; join once at the end, not per chunk,
  // so a huge element with thousands of chunks stays linear.
  const textParts = new Map<XmlElement, string[]>();
  const addText = (element: XmlElement, part: string) => {
    const parts = textParts.get(element);
    if (parts) parts.push(part);
    else textParts.set(element, [part]);
  };

  const appendText = (end: number) => {
    if (end <= textStart || stack.length === 0) return;
    const raw = text.slice(textStart, end);
    if (raw.trim() === '') return;
    const element = stack[stack.length - 1];
    addText(element, decode(raw, textStart, problems));
    const lead = raw.length - raw.trimStart().length;
    const trail = raw.length - raw.trimEnd().length;
    element.textSpan = element.textSpan
      ? { start: element.textSpan.start, end: end - trail }
      : { start: textStart + lead, end: end - trail };
  };

  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt < 0) break;
    appendText(lt);
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      const stop = end < 0 ? text.length : end + 3;
      if (end < 0) problems.push({ message: 'comment is not closed: add -->', span: { start: lt, end: Math.min(text.length, lt + 4) } });
      comments.push({ text: text.slice(lt + 4, end < 0 ? text.length : end), span: { start: lt, end: stop } });
      i = textStart = stop;
      continue;
    }
    if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt);
      const stop = end < 0 ? text.length : end + 3;
      if (stack.length > 0) {
        const element = stack[stack.length - 1];
        addText(element, text.slice(lt + 9, end < 0 ? text.length : end));
        element.textSpan = { start: element.textSpan?.start ?? lt, end: stop };
      }
      if (end < 0) problems.push({ message: 'CDATA section is not closed: add ]]>', span: { start: lt, end: lt + 9 } });
      i = textStart = stop;
      continue;
    }
    if (text.startsWith('<?', lt)) {
      const end = text.indexOf('?>', lt);
      i = textStart = end < 0 ? text.length : end + 2;
      continue;
    }
    if (text.startsWith('<!', lt)) {
      // DOCTYPE, possibly with an internal subset of ENTITY declarations: never honoured.
      let depth = 0;
      let j = lt + 2;
      for (; j < text.length; j++) {
        if (text[j] === '[') depth++;
        else if (text[j] === ']') depth--;
        else if (text[j] === '>' && depth <= 0) break;
      }
      problems.push({ message: 'DOCTYPE and ENTITY declarations are ignored: ClickHouse configuration does not use them, and Headroom never expands or fetches entities', span: { start: lt, end: Math.min(text.length, j + 1) } });
      i = textStart = Math.min(text.length, j + 1);
      continue;
    }
    if (text[lt + 1] === '/') {
      NAME.lastIndex = lt + 2;
      const match = NAME.exec(text);
      const name = match?.[0] ?? '';
      const gt = text.indexOf('>', lt);
      const stop = gt < 0 ? text.length : gt + 1;
      const index = findOpen(stack, name);
      if (index < 0) {
        problems.push({ message: `closing tag </${name}> has no matching opening tag`, span: { start: lt, end: stop } });
      } else {
        for (let k = stack.length - 1; k > index; k--) {
          const unclosed = stack[k];
          problems.push({ message: `<${unclosed.name}> is not closed before </${name}>`, span: unclosed.nameSpan });
          unclosed.span = { start: unclosed.span.start, end: lt };
        }
        const element = stack[index];
        element.endTag = { start: lt, end: stop };
        element.span = { start: element.span.start, end: stop };
        stack.length = index;
      }
      i = textStart = stop;
      continue;
    }
    NAME.lastIndex = lt + 1;
    const nameMatch = NAME.exec(text);
    if (!nameMatch) {
      problems.push({ message: "'<' does not start a tag here: write &lt; in text", span: { start: lt, end: lt + 1 } });
      i = lt + 1;
      continue;
    }
    const name = nameMatch[0];
    const element: XmlElement = {
      name, attributes: [], children: [], text: '', selfClosing: false,
      startTag: { start: lt, end: lt }, nameSpan: { start: lt + 1, end: lt + 1 + name.length }, span: { start: lt, end: lt },
    };
    let j = lt + 1 + name.length;
    let closed = false;
    while (j < text.length) {
      while (j < text.length && /\s/.test(text[j])) j++;
      if (text[j] === '>') { j++; closed = true; break; }
      if (text.startsWith('/>', j)) { j += 2; closed = true; element.selfClosing = true; break; }
      if (text[j] === '<') break;
      NAME.lastIndex = j;
      const attr = NAME.exec(text);
      if (!attr) {
        problems.push({ message: `unexpected '${text[j]}' in <${name}>`, span: { start: j, end: j + 1 } });
        j++;
        continue;
      }
      let k = j + attr[0].length;
      while (/\s/.test(text[k] ?? '')) k++;
      if (text[k] !== '=') {
        problems.push({ message: `attribute ${attr[0]} of <${name}> has no value`, span: { start: j, end: k } });
        j = k;
        continue;
      }
      k++;
      while (/\s/.test(text[k] ?? '')) k++;
      const quote = text[k];
      if (quote !== '"' && quote !== "'") {
        problems.push({ message: `the value of attribute ${attr[0]} must be quoted`, span: { start: j, end: k + 1 } });
        j = k;
        continue;
      }
      const close = text.indexOf(quote, k + 1);
      const valueEnd = close < 0 ? text.length : close;
      element.attributes.push({ name: attr[0], value: decode(text.slice(k + 1, valueEnd), k + 1, problems), span: { start: j, end: Math.min(text.length, valueEnd + 1) } });
      j = valueEnd + 1;
    }
    if (!closed) problems.push({ message: `start tag <${name}> is not finished: add '>'`, span: element.nameSpan });
    element.startTag = { start: lt, end: j };
    element.span = { start: lt, end: j };
    const parent = stack[stack.length - 1];
    element.parent = parent;
    (parent ? parent.children : top).push(element);
    if (!element.selfClosing && closed) stack.push(element);
    i = textStart = j;
  }
  appendText(text.length);
  for (const element of stack.reverse()) {
    problems.push({ message: `<${element.name}> is never closed: add </${element.name}>`, span: element.nameSpan });
    element.span = { start: element.span.start, end: text.length };
  }
  for (const [element, parts] of textParts) element.text = parts.join('').trim();
  return { root: top[0], elements: top, problems, comments };
}

function findOpen(stack: XmlElement[], name: string): number {
  for (let k = stack.length - 1; k >= 0; k--) if (stack[k].name === name) return k;
  return -1;
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(raw: string, offset: number, problems: XmlProblem[]): string {
  return raw.replace(/&(#x[0-9a-fA-F]+|#\d+|[A-Za-z][A-Za-z0-9]*);/g, (whole, body: string, at: number) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    if (body in PREDEFINED) return PREDEFINED[body];
    problems.push({ message: `entity &${body}; is not expanded: only &lt; &gt; &amp; &quot; &apos; and numeric references are`, span: { start: offset + at, end: offset + at + whole.length } });
    return whole;
  });
}

/** Child elements named `name`. */
export function childrenNamed(element: XmlElement | undefined, name: string): XmlElement[] {
  return element?.children.filter((c) => c.name === name) ?? [];
}

/** Whether the value comes from elsewhere at load time (incl, from_env, from_zk): not a literal to check. */
export function isSubstituted(element: XmlElement): boolean {
  return element.attributes.some((a) => a.name === 'incl' || a.name === 'from_env' || a.name === 'from_zk');
}
