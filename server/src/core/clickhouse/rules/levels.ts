import type { Finding, Fix, TextEdit } from '../../types';
import { type ClickHouseRule, type ClickHouseRuleContext, profileSettings, rangeOf } from '../context';
import type { XmlElement } from '../xml';
import { BOTH_LEVELS, SERVER_SETTINGS, USER_SETTINGS } from '../settings-levels';

export const settingWrongLevel: ClickHouseRule = {
  id: 'clickhouse/setting-wrong-level',
  defaultSeverity: 'error',
  doc: 'A user-level (query/profile) setting such as max_memory_usage or async_insert at the top level of a server config: the server refuses to start ("A setting appeared at top level in config … it is user-level setting that should be located in users.xml inside <profiles>", code 137). A server setting inside <profiles> is unknown there and has no effect.',
  sources: [{ document: 'ClickHouse src/Core/Settings.cpp', section: 'checkNoSettingNamesAtTopLevel' }],
  check(ctx) {
    const root = ctx.parsed.xml.root;
    if (!root) return [];
    const misplaced = root.children.filter((c) => USER_SETTINGS.has(c.name) && !BOTH_LEVELS.has(c.name));
    const findings: Finding[] = [];
    const move = misplaced.length > 0 ? moveIntoProfile(ctx, root, misplaced) : undefined;
    for (const element of misplaced) {
      findings.push({
        code: this.id,
        severity: 'error',
        message: `<${element.name}> is a user-level (profile) setting: at the top level of a server config ClickHouse refuses to start (UNKNOWN_ELEMENT_IN_CONFIG). Put it in <profiles><default> (users.xml or users.d/).`,
        range: rangeOf(ctx, element.nameSpan),
        fixes: move ? [move] : [],
      });
    }
    for (const { profile, element } of profileSettings(ctx)) {
      if (!SERVER_SETTINGS.has(element.name) || BOTH_LEVELS.has(element.name)) continue;
      findings.push({
        code: this.id,
        severity: 'warning',
        message: `<${element.name}> is a server setting: inside <profiles><${profile}> it has no effect. Put it at the top level of config.xml (or config.d/).`,
        range: rangeOf(ctx, element.nameSpan),
      });
    }
    return findings;
  },
};

/**
 * One fix for every misplaced setting at once (so "fix all" applies it once): each element is cut with
 * its line, and all are appended inside `<profiles><default>`, created before `</root>` when missing.
 */
function moveIntoProfile(ctx: ClickHouseRuleContext, root: XmlElement, elements: XmlElement[]): Fix | undefined {
  if (!root.endTag) return undefined;
  const text = ctx.parsed.doc.text;
  const lines = ctx.parsed.lines;
  const indentOf = (element: XmlElement) => /^[ \t]*/.exec(lines.lineText(lines.positionAt(element.span.start).line))![0];
  const unit = indentOf(elements[0]) || '  ';
  const edits: TextEdit[] = [];
  for (const element of elements) {
    const line = lines.positionAt(element.span.start).line;
    const lineStart = lines.offsetAt({ line, character: 0 });
    const ownLine = text.slice(lineStart, element.span.start).trim() === '' && text.slice(element.span.end, lines.lineEnd(line)).trim() === '';
    // Cut the whole line when the element stands alone on it; otherwise just the element.
    const start = ownLine ? lineStart : element.span.start;
    const end = ownLine ? Math.min(text.length, lines.lineEnd(line) + (text[lines.lineEnd(line)] === '\r' ? 2 : 1)) : element.span.end;
    edits.push({ range: lines.range(start, end), newText: '' });
  }
  const moved = elements.map((e) => text.slice(e.span.start, e.span.end));
  const profiles = root.children.find((c) => c.name === 'profiles');
  const profile = profiles?.children.find((c) => c.name === 'default');
  if (profile?.endTag) {
    const at = profile.endTag.start;
    const inner = `${indentOf(profile)}${unit}`;
    const lineStart = lines.offsetAt({ line: lines.positionAt(at).line, character: 0 });
    const before = text.slice(lineStart, at).trim() === '' ? lineStart : at;
    edits.push({ range: lines.range(before, before), newText: moved.map((m) => `${inner}${m}\n`).join('') + (before === at ? indentOf(profile) : '') });
  } else if (profiles?.endTag && !profile) {
    const at = lines.offsetAt({ line: lines.positionAt(profiles.endTag.start).line, character: 0 });
    const indent = `${indentOf(profiles)}${unit}`;
    edits.push({ range: lines.range(at, at), newText: `${indent}<default>\n${moved.map((m) => `${indent}${unit}${m}\n`).join('')}${indent}</default>\n` });
  } else if (!profiles) {
    const at = lines.offsetAt({ line: lines.positionAt(root.endTag.start).line, character: 0 });
    if (text.slice(at, root.endTag.start).trim() !== '') return undefined;
    edits.push({ range: lines.range(at, at), newText: `${unit}<profiles>\n${unit}${unit}<default>\n${moved.map((m) => `${unit}${unit}${unit}${m}\n`).join('')}${unit}${unit}</default>\n${unit}</profiles>\n` });
  } else {
    return undefined;
  }
  return { title: `Move ${elements.map((e) => `<${e.name}>`).join(', ')} into <profiles><default>`, isPreferred: true, edits };
}
