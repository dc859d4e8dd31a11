import type { z } from 'zod';

/**
 * A retrospective must say something (what went well, what to improve, or a finding): scores alone (the form
 * fills them in) would move the satisfaction figure and carry actions over with nothing said.
 */
export function saysSomething<
  T extends z.ZodType<{ wentWell: string; toImprove: string; findings?: readonly unknown[] }>,
>(schema: T): T {
  return schema.refine((r) => r.wentWell !== '' || r.toImprove !== '' || (r.findings?.length ?? 0) > 0, {
    path: ['wentWell'],
    params: { messageId: 'project.validation.retroEmpty' },
  });
}
