// What the invite form's action answers: the form kit's FormResult, and on success the name invited and (only
// when no email provider is configured) the one-time link to pass on by hand. The link lives in this one
// response, never in storage.
import type { FormResult } from '@/lib/forms/parse';

export type InviteResult = (NonNullable<FormResult> & { name?: string; link?: string }) | null;
