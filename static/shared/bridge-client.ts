import { invoke } from '@forge/bridge';
import {
  envelopeSchema,
  formatMessage,
  validationErrorBody,
  type AppErrorBody,
  type FnInput,
  type FnName,
  type FnOutput,
  type FunctionTable,
  type Locale,
} from '@contract';

/** What a call yields: the validated data, or an error whose message is ready to show. Never thrown. */
export type CallResult<T> = { ok: true; data: T } | { ok: false; error: AppErrorBody };

export interface BridgeClient<T extends FunctionTable> {
  call<K extends FnName<T>>(name: K, input: FnInput<T, K>): Promise<CallResult<FnOutput<T, K>>>;
}

export interface ClientOptions {
  /** Language of the messages the client writes itself (transport failures); the backend translates its own. */
  locale?: Locale | (() => Locale);
}

/**
 * A typed client over `invoke` for one UI surface's function table. The resolver's envelope and its data are
 * checked against the contract, so a view only ever renders data of the promised shape.
 */
export function createClient<T extends FunctionTable>(table: T, options: ClientOptions = {}): BridgeClient<T> {
  const localeOf = (): Locale => {
    const { locale = 'en' } = options;
    return typeof locale === 'function' ? locale() : locale;
  };
  const internal = (why: string, detail: unknown): { ok: false; error: AppErrorBody } => {
    // The details are for developers only; the user gets the generic, translated message.
    console.error(`bridge-client: ${why}`, detail);
    return { ok: false, error: { code: 'INTERNAL', message: formatMessage('internal.unexpected', localeOf()) } };
  };

  return {
    async call(name, input) {
      const fn = table[name];
      if (!fn) return internal(`unknown function ${name}`, Object.keys(table));
      const parsedInput = fn.input.safeParse(input);
      if (!parsedInput.success) {
        // The same body the backend would give for this input, so a form can show it in place.
        return { ok: false, error: validationErrorBody(parsedInput.error, localeOf()) };
      }
      let raw: unknown;
      try {
        raw = await invoke(name, parsedInput.data as Record<string, unknown>);
      } catch (error: unknown) {
        return internal(`invoke ${name} failed`, error);
      }
      const envelope = envelopeSchema(fn.output).safeParse(raw);
      if (!envelope.success) return internal(`${name} answered outside the contract`, envelope.error.issues);
      return envelope.data.ok
        ? { ok: true, data: envelope.data.data as FnOutput<T, typeof name> }
        : { ok: false, error: envelope.data.error };
    },
  };
}
