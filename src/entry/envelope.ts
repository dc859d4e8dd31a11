import { DEFAULT_MESSAGE, formatMessage, type AppErrorBody, type Envelope, type Locale } from '../contract';
import { isAppError } from '../app/kernel/errors';
import type { Logger } from '../app/kernel/ports';

/** Errors are translated once, here. Expected failures keep their code; anything else is logged and hidden. */
export function toErrorBody(e: unknown, locale: Locale, log: Logger): AppErrorBody {
  if (isAppError(e)) {
    return {
      code: e.code,
      message: formatMessage(e.messageId ?? DEFAULT_MESSAGE[e.code], locale, e.params),
      ...(e.field ? { field: e.field } : {}),
    };
  }
  log.error('unexpected error', { error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
  return { code: 'INTERNAL', message: formatMessage('internal.unexpected', locale) };
}

export function ok<T>(data: T): Envelope<T> {
  return { ok: true, data };
}
