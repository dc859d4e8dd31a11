import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import type { AppFieldDef } from './types';

const CustomFieldModule = z.object({
  key: z.string().min(1),
  name: z.union([z.string(), z.object({ i18n: z.string() })]),
  description: z.union([z.string(), z.object({ i18n: z.string() })]).optional(),
  type: z.enum(['user', 'string', 'number', 'date', 'datetime', 'group']),
  collection: z.enum(['list', 'none']).optional(),
  readOnly: z.boolean().optional(),
});

const Manifest = z.object({
  modules: z
    .object({ 'jira:customField': z.array(CustomFieldModule).optional() })
    .passthrough()
    .optional(),
});

/**
 * The app's custom fields from `modules['jira:customField']` of manifest.yml, in manifest order.
 * An i18n name is shown by its key (the sandbox has no translation of field names).
 */
export function loadAppFields(manifestYamlPath: string): AppFieldDef[] {
  const manifest = Manifest.parse(parse(readFileSync(manifestYamlPath, 'utf8')));
  const text = (v: string | { i18n: string }): string => (typeof v === 'string' ? v : v.i18n);
  return (manifest.modules?.['jira:customField'] ?? []).map((m) => ({
    moduleKey: m.key,
    name: text(m.name),
    ...(m.description !== undefined ? { description: text(m.description) } : {}),
    type: m.type,
    ...(m.collection !== undefined ? { collection: m.collection } : {}),
    ...(m.readOnly !== undefined ? { readOnly: m.readOnly } : {}),
  }));
}
