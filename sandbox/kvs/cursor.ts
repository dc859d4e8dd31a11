import { z } from 'zod';
import { badRequest } from './errors';

/** Position after which the next page starts: the last row's range value (index queries) and key. */
export interface CursorPosition {
  range?: string | number;
  key: string;
}

const cursorSchema = z.object({ r: z.union([z.string(), z.number()]).optional(), k: z.string() });

/** Opaque cursor, as Forge's are: apps must not parse or persist them. */
export function encodeCursor(position: CursorPosition): string {
  const payload = position.range === undefined ? { k: position.key } : { r: position.range, k: position.key };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/** @throws KvsError INVALID_CURSOR when the cursor was not made by {@link encodeCursor} */
export function decodeCursor(cursor: string): CursorPosition {
  try {
    const parsed = cursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return parsed.r === undefined ? { key: parsed.k } : { range: parsed.r, key: parsed.k };
  } catch {
    throw badRequest('INVALID_CURSOR', 'The provided cursor is invalid.');
  }
}
