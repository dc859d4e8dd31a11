import type { ErrorCode, MessageId } from '../../contract';

/** An expected failure with a stable code; translated to the user's language at the boundary. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly messageId: MessageId,
    readonly params: Record<string, string | number> = {},
    readonly field?: string,
  ) {
    super(`${code}: ${messageId}`);
    this.name = 'AppError';
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
