import type { z } from 'zod';
import { badRequest, invalidPayload } from './errors';
import type { Ctx } from './handler';
import { describeZodError } from './request-schemas';

/** The JSON body checked against its schema: Jira's 400 for unparsable JSON or a body the schema refuses. */
export function parseBody<S extends z.ZodType>(schema: S, raw: string | undefined): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(raw ?? '');
  } catch {
    throw invalidPayload();
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw badRequest(describeZodError(parsed.error));
  return parsed.data;
}

export function qInt(ctx: Ctx, name: string, fallback: number): number {
  const raw = ctx.query.get(name);
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw badRequest(`The value '${raw}' is not valid for the parameter '${name}'.`);
  return n;
}

/** A query parameter given repeatedly and/or comma-separated. */
export function qList(ctx: Ctx, name: string): string[] {
  return ctx.query
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

export function expandSet(raw: string | string[] | null | undefined): Set<string> {
  const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
  return new Set(
    list
      .flatMap((x) => x.split(','))
      .map((x) => x.trim())
      .filter((x) => x !== ''),
  );
}
