import { readFileSync } from 'node:fs';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';
import { createJiraHarness, asApp, asUser, type JiraHarness } from '../../sandbox/jira/test-support';
import { SEED_USERS } from '../../sandbox/seed/jira-seed';
import type { JiraActor } from '../../sandbox/jira/types';
import { JIRA_SPEC_PATH } from '../support/openapi';

/** Set-up of jira-conformance.test.ts: the spec, its validators and the harness the suite calls. */
export const SPEC_PATH = JIRA_SPEC_PATH;
export const SPEC_ID = 'jira-platform-v3';

const ptr = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

interface Spec {
  paths: Record<
    string,
    Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>
  >;
}

export let spec: Spec;
export let ajv: Ajv;
const compiled = new Map<string, ValidateFunction | null>();

/** The validator for a response, or null when the spec gives that status no JSON body. */
export function validatorFor(specPath: string, method: string, status: number): ValidateFunction | null {
  const key = `${method} ${specPath} ${status}`;
  if (!compiled.has(key)) {
    const op = spec.paths[specPath]?.[method.toLowerCase()];
    if (!op) throw new Error(`spec has no ${method} ${specPath}`);
    const response = op.responses?.[String(status)];
    if (!response) throw new Error(`spec has no ${status} response for ${method} ${specPath}`);
    const schema = response.content?.['application/json']?.schema;
    compiled.set(
      key,
      schema === undefined
        ? null
        : ajv.compile({
            $ref: `${SPEC_ID}#/paths/${ptr(specPath)}/${method.toLowerCase()}/responses/${status}/content/${ptr('application/json')}/schema`,
          }),
    );
  }
  return compiled.get(key) ?? null;
}

export let h: JiraHarness;
export const wangLei = asUser(SEED_USERS.wangLei.accountId);

export async function expectConforms(
  specPath: string,
  method: string,
  path: string,
  status: number,
  opts: { actor?: JiraActor; body?: unknown } = {},
): Promise<unknown> {
  const res = await h.call(opts.actor ?? asApp, method, path, opts.body);
  expect(res.status, `${method} ${path}: ${res.raw.slice(0, 300)}`).toBe(status);
  const validate = validatorFor(specPath, method, status);
  if (validate === null) {
    return res.json;
  }
  const schemaIsEmpty = res.raw === '';
  if (!schemaIsEmpty) {
    const valid = validate(res.json);
    expect(valid, `${method} ${path} ${status}: ${JSON.stringify(validate.errors?.slice(0, 5), null, 1)}`).toBe(true);
  }
  return res.json;
}

/** Loads the spec into a fresh validator and starts the harness; once, before the suite. */
export function setUpConformance(): void {
  spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as Spec;
  ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema({ ...(spec as object), $id: SPEC_ID });
  h = createJiraHarness();
}
