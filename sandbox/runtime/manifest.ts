import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

const ManifestSchema = z.object({
  app: z.object({ id: z.string() }).passthrough(),
  modules: z
    .object({
      function: z.array(z.object({ key: z.string(), handler: z.string() })),
      'jira:issuePanel': z
        .array(z.object({ key: z.string(), resource: z.string(), resolver: z.object({ function: z.string() }) }))
        .default([]),
      'jira:projectPage': z
        .array(z.object({ key: z.string(), resource: z.string(), resolver: z.object({ function: z.string() }) }))
        .default([]),
      'jira:adminPage': z
        .array(z.object({ key: z.string(), resource: z.string(), resolver: z.object({ function: z.string() }) }))
        .default([]),
      'jira:globalPage': z
        .array(z.object({ key: z.string(), resource: z.string(), resolver: z.object({ function: z.string() }) }))
        .default([]),
      'jira:projectSettingsPage': z
        .array(
          z.object({
            key: z.string(),
            resource: z.string(),
            resolver: z.object({ function: z.string() }),
            pages: z
              .array(z.object({ route: z.string(), title: z.union([z.string(), z.object({ i18n: z.string() })]) }))
              .default([]),
          }),
        )
        .default([]),
      trigger: z
        .array(
          z.object({
            key: z.string(),
            function: z.string(),
            events: z.array(z.string()),
            filter: z.object({ ignoreSelf: z.boolean().optional() }).passthrough().optional(),
          }),
        )
        .default([]),
      scheduledTrigger: z
        .array(
          z.object({ key: z.string(), function: z.string(), interval: z.enum(['fiveMinute', 'hour', 'day', 'week']) }),
        )
        .default([]),
      webtrigger: z.array(z.object({ key: z.string(), function: z.string() })).default([]),
      consumer: z.array(z.object({ key: z.string(), queue: z.string(), function: z.string() })).default([]),
      action: z
        .array(
          z.object({
            key: z.string(),
            function: z.string(),
            inputs: z.record(z.string(), z.object({ required: z.boolean().optional() }).passthrough()).optional(),
          }),
        )
        .default([]),
      'automation:actionProvider': z.array(z.object({ key: z.string(), actions: z.array(z.string()) })).default([]),
      'jira:workflowValidator': z
        .array(z.object({ key: z.string(), function: z.string().optional(), expression: z.string().optional() }))
        .default([]),
    })
    .passthrough(),
  resources: z.array(z.object({ key: z.string(), path: z.string() })),
  permissions: z.object({ scopes: z.array(z.string()) }).passthrough(),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** The parts of manifest.yml the sandbox runs: it hosts exactly the modules the app declares. */
export function loadManifest(path: string): Manifest {
  return ManifestSchema.parse(parse(readFileSync(path, 'utf8')));
}

export const INTERVAL_MS = { fiveMinute: 5 * 60_000, hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000 } as const;

/** UI modules by key, with the module type Forge puts in `context.extension.type`. */
export function uiModules(m: Manifest) {
  return [
    ...m.modules['jira:issuePanel'].map((x) => ({ ...x, type: 'jira:issuePanel' as const })),
    ...m.modules['jira:projectPage'].map((x) => ({ ...x, type: 'jira:projectPage' as const })),
    ...m.modules['jira:adminPage'].map((x) => ({ ...x, type: 'jira:adminPage' as const })),
    ...m.modules['jira:globalPage'].map((x) => ({ ...x, type: 'jira:globalPage' as const })),
    ...m.modules['jira:projectSettingsPage'].map((x) => ({ ...x, type: 'jira:projectSettingsPage' as const })),
  ];
}
