import Resolver from '@forge/resolver';
import { z } from 'zod';
import {
  toLocale,
  validationErrorBody,
  type Envelope,
  type FnOutput,
  type FunctionTable,
  type Locale,
} from '../contract';
import type { ActingContext, Deps } from '../app/kernel/ports';
import { ok, toErrorBody } from './envelope';

/** The parts of the Forge resolver context the app reads. Identity and scope come from here, never the payload. */
const ForgeContextSchema = z
  .object({
    accountId: z.string().optional(),
    locale: z.string().optional(),
    timezone: z.string().optional(),
    extension: z
      .object({
        type: z.string().optional(),
        issue: z
          .object({ id: z.union([z.string(), z.number()]).transform(String), key: z.string() })
          .partial()
          .optional(),
        project: z
          .object({ id: z.union([z.string(), z.number()]).transform(String), key: z.string() })
          .partial()
          .optional(),
      })
      .passthrough()
      .optional(),
  })
  .passthrough();
export type ForgeContext = z.infer<typeof ForgeContextSchema>;

export interface ResolverCall<I> {
  deps: Deps;
  ctx: ActingContext & { locale: Locale };
  forge: ForgeContext;
  input: I;
}

export type Handlers<T extends FunctionTable> = {
  [K in Extract<keyof T, string>]: (call: ResolverCall<z.output<T[K]['input']>>) => Promise<FnOutput<T, K>>;
};

/**
 * One resolver per UI surface: each function in the contract table parses its payload, calls one use case
 * and answers with the envelope. The output is checked against the contract too, so the UI can trust it.
 */
export function defineSurface<T extends FunctionTable>(table: T, handlers: Handlers<T>, deps: () => Deps) {
  const resolver = new Resolver();
  for (const name of Object.keys(table) as Array<Extract<keyof T, string>>) {
    const spec = table[name]!;
    resolver.define(name, async ({ payload, context }): Promise<Envelope<unknown>> => {
      const forge = ForgeContextSchema.parse(context ?? {});
      const locale = toLocale(forge.locale);
      const d = deps();
      const input = spec.input.safeParse(payload ?? {});
      if (!input.success) return { ok: false, error: validationErrorBody(input.error, locale) };
      try {
        const ctx = { accountId: forge.accountId ?? null, locale, timezone: forge.timezone ?? 'UTC' };
        const data = await handlers[name]({ deps: d, ctx, forge, input: input.data as never });
        return ok(spec.output.parse(data));
      } catch (e) {
        return { ok: false, error: toErrorBody(e, locale, d.log) };
      }
    });
  }
  return resolver.getDefinitions();
}
