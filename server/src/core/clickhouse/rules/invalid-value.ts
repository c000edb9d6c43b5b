import { type ClickHouseRule, profileSettings, rangeOf } from '../context';
import { isSubstituted } from '../xml';
import { NUMERIC_SETTINGS } from '../settings-levels';
import { parseNumber } from '../../quantity';

export const invalidValue: ClickHouseRule = {
  id: 'clickhouse/invalid-value',
  defaultSeverity: 'error',
  doc: 'A numeric setting whose value is not a number (ClickHouse fails to parse the config); values from incl/from_env/from_zk are not checked.',
  sources: [{ document: 'ClickHouse src/Core/ServerSettings.cpp', section: 'server settings' }],
  check(ctx) {
    const elements = [...(ctx.parsed.xml.root?.children ?? []), ...profileSettings(ctx).map((p) => p.element)];
    return elements.filter((e) => NUMERIC_SETTINGS.has(e.name) && !isSubstituted(e) && e.children.length === 0 && !parseNumber(e.text).ok).map((e) => ({
      code: this.id, severity: 'error' as const, range: rangeOf(ctx, e.textSpan ?? e.nameSpan),
      message: `<${e.name}> must be a number, not "${e.text}"${e.name.endsWith('_usage') || e.name.endsWith('_size') ? ' (a whole number of bytes, such as 12000000000)' : ''}.`,
    }));
  },
};
