import { z } from 'zod';

/** The pieces every project page record's schema shares (issue 6). */
export const AccountId = z.string().trim().min(1).max(128);
export const Text = (max: number) => z.string().trim().max(max);
export const Title = z.string().trim().min(1).max(300);
/** A case-library tag: letters (any script), digits and -, e.g. "接口变更" or "handover". */
export const TagSchema = z
  .string()
  .trim()
  .refine((v) => /^[\p{L}\p{N}][\p{L}\p{N}-]{0,29}$/u.test(v), { params: { messageId: 'project.validation.tag' } });
export const Tags = z.array(TagSchema).max(10).default([]);
/** The version of the stored record the edit starts from; null for a new record. Stale versions are refused. */
export const ExpectedVersion = z.number().int().nonnegative().nullable();
export const IssueKeySchema = z
  .string()
  .refine((v) => /^[A-Z][A-Z0-9_]*-\d+$/.test(v), { params: { messageId: 'project.validation.issueKey' } });
export const RecordId = z.string().regex(/^[a-z]+-[0-9a-z]{6,40}$/);

/**
 * A page of a long list (risks, action items): the rows after `cursor` (the `next` of the page before; none for
 * the first page), worst or most urgent first. The cursor is the position of the last row shown.
 */
export const LIST_PAGE_SIZE = 20;
export const ListPageInputSchema = z
  .object({
    cursor: z
      .string()
      .regex(/^[01]\.[0-9a-z.-]{1,200}$/)
      .optional(),
    limit: z.number().int().min(1).max(100).default(LIST_PAGE_SIZE),
  })
  .strict();
export type ListPageInput = z.input<typeof ListPageInputSchema>;
/** Where the next page starts; null when this page is the last. */
export const NextCursor = z.string().nullable();

export const periodInOrder = (v: { startDate: string; endDate: string }) => v.endDate >= v.startDate;
