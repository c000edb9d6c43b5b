import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { headroomFileSchema } from '../server/src/core/config-schema';

/** The JSON schema of `.headroom.yaml`, so YAML editors complete and check it (contributed by package.json). */
export function headroomJsonSchema(): string {
  const schema = z.toJSONSchema(headroomFileSchema, { target: 'draft-7' });
  return `${JSON.stringify({ ...schema, title: 'Headroom workspace configuration (.headroom.yaml)' }, null, 2)}\n`;
}

if (require.main === module) {
  const target = path.join(__dirname, '..', '..', 'schemas', 'headroom.schema.json');
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, headroomJsonSchema());
  console.log(`wrote ${target}`);
}
