'use server';

import { AuthError } from 'next-auth';
import { signIn, ThrottledSignIn } from '@/lib/auth';
import { safeNextPath } from '@/lib/auth/guard';
import { formValues, parseForm, refused, type FormResult } from '@/lib/forms/parse';
import { failSafe } from '@/lib/http/safe-action';
import { z } from '@/lib/zod';

const schema = z.object({
  email: z
    .string({ error: 'Enter your email address' })
    .trim()
    .min(1, 'Enter your email address')
    .max(254, 'Email address must be 254 characters or fewer')
    // Control characters (a NUL among them) are never part of an address.
    .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), 'Enter an email address in the correct format, like name@example.com'),
  password: z.string({ error: 'Enter your password' }).min(1, 'Enter your password').max(1_000, 'Password is too long'),
});

/** The password is never handed back to the page. */
const SECRET = ['password'];

export async function signInAction(_state: FormResult, formData: FormData): Promise<FormResult> {
  return failSafe('signInAction', async (): Promise<FormResult> => {
    const parsed = parseForm(schema, formData, { secret: SECRET });
    if (!parsed.ok) return refused(parsed);
    const values = formValues(formData, SECRET);
    try {
      // Through the second step's page: it sends an account that needs none straight on to `next`.
      const next = safeNextPath(formData.get('next'));
      await signIn('credentials', { email: parsed.data.email, password: parsed.data.password, redirectTo: `/sign-in/verify?next=${encodeURIComponent(next)}` });
    } catch (error) {
      if (error instanceof ThrottledSignIn) {
        return {
          ok: false,
          message: `Too many attempts to sign in. Wait ${error.minutes} minute${error.minutes === 1 ? '' : 's'}, then try again, or reset your password.`,
          values,
        };
      }
      if (error instanceof AuthError) {
        // One message for a wrong email and a wrong password: the form does not say who has an account.
        return { ok: false, errors: { password: 'The email address or password is not correct' }, values };
      }
      throw error; // the redirect to the dashboard
    }
    return null;
  });
}
