import type { Finding, Fix, TextEdit } from '../../types';
import { type ClickHouseRule, type ClickHouseRuleContext, profileSettings, rangeOf } from '../context';
import type { XmlElement } from '../xml';
import { serverReadsFromDefaultProfile, serverSettingType, topLevelVerdict, userSetting } from '../settings-levels';

// What ClickHouse does with a setting written at the wrong level, per case (facts and sources in
// settings-levels.ts and settings-data.ts):
// - a canonical user-level setting at the top level of a server config: Settings::checkNoSettingNamesAtTopLevel
//   throws UNKNOWN_ELEMENT_IN_CONFIG (code 137) from the main config reloader (programs/server/Server.cpp), so
//   the server does not start and a reload is refused, unless <skip_check_for_incorrect_settings> is set;
// - an alias or an obsolete user-level setting there is not checked: the server starts, the element does nothing;
// - users files (users.xml, users.d/) are read by the users config parser, not by that check: a setting at
//   their top level is not part of any profile and does nothing;
// - a server setting inside a profile: UsersConfigAccessStorage parseSettingsProfile (src/Access/
//   UsersConfigAccessStorage.cpp) reads every element of a profile as a user-level setting
//   (checkSettingNameIsAllowed, then settingStringToValueUtil), so a name that is not one throws
//   UNKNOWN_SETTING while the users configuration is read — except the names ServerSettingsImpl::loadSettingsFromConfig
//   reads from <profiles><default> for backward compatibility, which are fine there.

/** users.xml / users.yaml, or a file under users.d/: read as users configuration, not by the top-level check. */
function isUsersFile(uri: string): boolean {
  const segments = decodeURIComponent(uri).split(/[\\/]/);
  return /(^|[^a-z])users\.(xml|ya?ml)$/i.test(segments[segments.length - 1]) || segments.includes('users.d');
}

/** `<skip_check_for_incorrect_settings>` true as Poco's getBool reads it (1, true, yes, on). */
function checkDisabled(root: XmlElement): boolean {
  const skip = root.children.find((c) => c.name === 'skip_check_for_incorrect_settings');
  return skip !== undefined && /^(1|true|yes|on)$/i.test(skip.text.trim());
}

export const settingWrongLevel: ClickHouseRule = {
  id: 'clickhouse/setting-wrong-level',
  defaultSeverity: 'error',
  doc: 'A setting at the level where ClickHouse does not take it. A user-level (profile) setting such as max_memory_usage or merge_tree_max_rows_to_use_cache at the top level of a server config: the server refuses to start ("A setting \'…\' appeared at top level in config", code 137). An alias (async_insert_busy_timeout_ms) or an obsolete setting (async_insert_stale_timeout_ms) there, or any setting at the top level of a users file, is accepted and does nothing. A server setting inside a profile: ClickHouse rejects it (UNKNOWN_SETTING) when it reads the users configuration, except the background_* pools and bandwidth limits ClickHouse reads from <profiles><default>.',
  sources: [
    { document: 'ClickHouse src/Core/Settings.cpp', section: 'SettingsImpl::checkNoSettingNamesAtTopLevel' },
    { document: 'ClickHouse src/Core/ServerSettings.cpp', section: 'ServerSettingsImpl::loadSettingsFromConfig' },
    { document: 'ClickHouse src/Access/UsersConfigAccessStorage.cpp', section: 'parseSettingsProfile' },
  ],
  check(ctx) {
    const root = ctx.parsed.xml.root;
    if (!root) return [];
    const findings: Finding[] = [];
    const usersFile = isUsersFile(ctx.parsed.doc.uri);
    const checked = !usersFile && !checkDisabled(root);
    const placed = root.children.map((element) => ({ element, verdict: element.children.length === 0 ? topLevelVerdict(element.name) : undefined }));
    const misplaced = placed.filter((p) => p.verdict === 'rejected' || p.verdict === 'alias').map((p) => p.element);
    const move = misplaced.length > 0 ? moveIntoProfile(ctx, root, misplaced) : undefined;
    for (const { element, verdict } of placed) {
      const range = rangeOf(ctx, element.nameSpan);
      const name = `<${element.name}>`;
      if (verdict === 'rejected') {
        findings.push(checked
          ? { code: this.id, severity: 'error', range, fixes: move ? [move] : [],
            message: `${name} is a user-level (profile) setting: at the top level of a server config ClickHouse refuses to start, and refuses a reload ("A setting '${element.name}' appeared at top level in config", UNKNOWN_ELEMENT_IN_CONFIG). Put it in <profiles><default> (users.xml or users.d/).` }
          : { code: this.id, severity: 'warning', range, fixes: move ? [move] : [],
            message: `${name} is a user-level (profile) setting: at the top level of ${usersFile ? 'a users file' : 'this config (skip_check_for_incorrect_settings is on)'} it belongs to no profile and has no effect. Put it in <profiles><default>.` });
      } else if (verdict === 'alias') {
        findings.push({ code: this.id, severity: 'warning', range, fixes: move ? [move] : [],
          message: `${name} is an alias of the user-level setting ${userSetting(element.name)!.canonical}: ClickHouse's top-level check looks only at canonical names, so the server starts, but at the top level it has no effect. Put it in <profiles><default>.` });
      } else if (verdict === 'obsolete') {
        findings.push({ code: this.id, severity: 'warning', range, fixes: removeElement(ctx, element),
          message: `${name} is an obsolete user-level setting: ClickHouse keeps the name for compatibility, skips it in the top-level check and ignores it everywhere. Remove it.` });
      }
    }
    for (const { profile, element } of profileSettings(ctx)) {
      if (element.children.length > 0 || serverSettingType(element.name) === undefined) continue;
      const user = userSetting(element.name);
      if (user && !user.obsolete) continue;
      if (profile === 'default' && serverReadsFromDefaultProfile(element.name)) continue;
      const range = rangeOf(ctx, element.nameSpan);
      findings.push(user
        ? { code: this.id, severity: 'warning', range,
          message: `<${element.name}> is a server setting; as a user-level setting it is obsolete and does nothing${serverReadsFromDefaultProfile(element.name) ? ', and ClickHouse falls back to it only in <profiles><default>' : ''}. Put it at the top level of config.xml (or config.d/).` }
        : { code: this.id, severity: 'error', range,
          message: `<${element.name}> is a server setting, not a user-level one: ClickHouse reads every element of <profiles><${profile}> as a user-level setting and rejects this one (UNKNOWN_SETTING) when it loads the users configuration. Put it at the top level of config.xml (or config.d/).` });
    }
    return findings;
  },
};

/** Deletes the element, with its line when it stands alone on it. */
function removeElement(ctx: ClickHouseRuleContext, element: XmlElement): Fix[] {
  return [{ title: `Remove <${element.name}>`, isPreferred: true, edits: [cutElement(ctx, element)] }];
}

function cutElement(ctx: ClickHouseRuleContext, element: XmlElement): TextEdit {
  const text = ctx.parsed.doc.text;
  const lines = ctx.parsed.lines;
  const line = lines.positionAt(element.span.start).line;
  const lineStart = lines.offsetAt({ line, character: 0 });
  const ownLine = text.slice(lineStart, element.span.start).trim() === '' && text.slice(element.span.end, lines.lineEnd(line)).trim() === '';
  const start = ownLine ? lineStart : element.span.start;
  const end = ownLine ? Math.min(text.length, lines.lineEnd(line) + (text[lines.lineEnd(line)] === '\r' ? 2 : 1)) : element.span.end;
  return { range: lines.range(start, end), newText: '' };
}

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
  const edits: TextEdit[] = elements.map((element) => cutElement(ctx, element));
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
