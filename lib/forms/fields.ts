// Field pieces the staff forms share (pure): a required text field whose message also covers a field the
// post left out, a field that may be left out, and a second password that must repeat the first.
import { z } from '@/lib/zod';

/** Required: empty or missing (a page from an older build, a hand-made post) both read as `message`. */
export const requiredText = (message: string) => z.string({ error: message }).min(1, { error: message });

/** A field the post may leave out (a hidden field, a checkbox): missing reads as ''. */
export const optionalText = () => z.string().catch('');

/**
 * For `.superRefine`: `confirm` must repeat `field`. Checked only once `field` is typed, so an empty password
 * is said once, on its own field, not twice.
 */
export function mustMatch(field: string, confirm: string, message: string) {
  return (value: Record<string, unknown>, ctx: z.RefinementCtx) => {
    if (value[field] && value[field] !== value[confirm]) ctx.addIssue({ code: 'custom', path: [confirm], message });
  };
}

/** A typed one-time code: cut to a sane length, and refused as `empty` when only spaces were typed. */
export const oneTimeCode = (empty: string) =>
  z
    .string({ error: empty })
    .transform((code) => code.slice(0, 50))
    .refine((code) => code.trim() !== '', { error: empty });
