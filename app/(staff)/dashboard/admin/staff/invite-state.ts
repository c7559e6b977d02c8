// What the invite form's action answers: field errors, or success with (only when no email provider is
// configured) the one-time link to pass on by hand. The link lives in this one response, never in storage.
export type InviteField = 'name' | 'email' | 'role';

export type InviteState =
  | null
  | { ok: false; errors: Partial<Record<InviteField, string>>; values: Partial<Record<InviteField, string>> }
  | { ok: true; message: string; name: string; link?: string };
