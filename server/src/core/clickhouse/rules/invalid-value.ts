import type { Finding } from '../../types';
import { type ClickHouseRule, profileSettings, rangeOf } from '../context';
import { isSubstituted, type XmlElement } from '../xml';
import { serverSettingType, userSetting } from '../settings-levels';
import { parseClickHouseValue } from '../../quantity';

// Consequences, from the code that reads the values: a server setting is read by
// ServerSettingsImpl::loadSettingsFromConfig (src/Core/ServerSettings.cpp), which adds "while parsing setting
// '<name>' value" and rethrows, so the server config is not loaded; a profile setting by
// UsersConfigAccessStorage parseSettingsProfile (settingStringToValueUtil), which throws while the users
// configuration is read.

/** The one reading of a value in exponent notation that is a whole number (`1e10` → `10000000000`). */
function expanded(text: string): string | undefined {
  if (!/^\d+(\.\d+)?[eE]\+?\d+$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? String(value) : undefined;
}

export const invalidValue: ClickHouseRule = {
  id: 'clickhouse/invalid-value',
  defaultSeverity: 'error',
  doc: 'A server setting at the top level, or a user-level setting in a profile, whose value ClickHouse cannot parse for its type: integers take digits with an optional k/K, M, G, T (×1000ⁿ) or Ki, Mi, Gi, Ti (×1024ⁿ) suffix (10G and 10Gi are valid, 1e10 and 10GB are not), floats a plain decimal number, Bool 0, 1, true or false. Values from incl/from_env/from_zk are not checked.',
  sources: [
    { document: 'ClickHouse src/Core/SettingsFields.cpp', section: 'stringToNumber' },
    { document: 'ClickHouse src/IO/ReadHelpers.h', section: 'readTextWithSizeSuffix' },
  ],
  check(ctx) {
    const findings: Finding[] = [];
    const checkValue = (element: XmlElement, type: string | undefined, consequence: string) => {
      if (!type || isSubstituted(element) || element.children.length > 0) return;
      const parsed = parseClickHouseValue(element.text, type);
      if (!parsed || parsed.ok) return;
      const whole = expanded(element.text.trim());
      findings.push({
        code: this.id, severity: 'error', range: rangeOf(ctx, element.textSpan ?? element.nameSpan),
        message: `<${element.name}>: ${parsed.error}; ${consequence}.`,
        fixes: whole && element.textSpan ? [{ title: `Write ${whole}`, isPreferred: true, edits: [{ range: rangeOf(ctx, element.textSpan), newText: whole }] }] : [],
      });
    };
    for (const element of ctx.parsed.xml.root?.children ?? []) {
      checkValue(element, serverSettingType(element.name), 'ClickHouse fails to load the server config ("while parsing setting \'' + element.name + '\' value")');
    }
    for (const { profile, element } of profileSettings(ctx)) {
      checkValue(element, userSetting(element.name)?.type, `ClickHouse rejects <profiles><${profile}> when it reads the users configuration`);
    }
    return findings;
  },
};
