'use server';

import { AuthError } from 'next-auth';
import { z } from 'zod';
import { signIn, ThrottledSignIn } from '@/lib/auth';
import { safeNextPath } from '@/lib/auth/guard';
import type { FormState } from '@/components/dashboard/form';
import { failSafe } from '@/lib/http/safe-action';

const schema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Enter your email address')
    .max(254, 'Email address must be 254 characters or fewer')
    // Control characters (a NUL among them) are never part of an address.
    .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), 'Enter an email address in the correct format, like name@example.com'),
  password: z.string().min(1, 'Enter your password').max(1_000, 'Password is too long'),
});

export async function signInAction(_state: FormState, formData: FormData): Promise<FormState> {
  return failSafe('signInAction', async (): Promise<FormState> => {
    const email = String(formData.get('email') ?? '');
    const values = { email };
    const parsed = schema.safeParse({ email, password: formData.get('password') ?? '' });
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
      return { ok: false, errors, values };
    }
    try {
      // Through the second step's page: it sends an account that needs none straight on to `next`.
      const next = safeNextPath(formData.get('next'));
      await signIn('credentials', { ...parsed.data, redirectTo: `/sign-in/verify?next=${encodeURIComponent(next)}` });
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
