import type { z } from 'zod';

/**
 * A retrospective must say what went well or what to improve: scores alone (the form fills them in) would move
 * the satisfaction figure and carry actions over with nothing said.
 */
export function saysSomething<T extends z.ZodType<{ wentWell: string; toImprove: string }>>(schema: T): T {
  return schema.refine((r) => r.wentWell !== '' || r.toImprove !== '', {
    path: ['wentWell'],
    params: { messageId: 'project.validation.retroEmpty' },
  });
}
