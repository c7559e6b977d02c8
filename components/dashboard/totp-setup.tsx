// Setting up an authenticator app: the QR code (an SVG made on the server), the same secret as text for
// typing in by hand, and the form for the first code. Plain HTML: works without JavaScript.
import QRCode from 'qrcode';
import { confirmTotpAction } from '@/app/(staff)/sign-in/set-up/actions';
import { ActionForm, Input } from './form';

/** The secret in groups of four, easier to read and type. */
const grouped = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();

export async function TotpSetup({ secret, uri, idPrefix = 'totp' }: { secret: string | null; uri: string | null; idPrefix?: string }) {
  const svg = uri
    ? await QRCode.toString(uri, {
        type: 'svg',
        margin: 1,
        errorCorrectionLevel: 'M',
      })
    : null;
  return (
    <div>
      {secret && svg ? (
        <ol className="mb-4 list-decimal space-y-3 pl-5">
          <li>Open an authenticator app on your phone (for example Google Authenticator, Microsoft Authenticator or 1Password).</li>
          <li>
            Scan this QR code with it.
            <div
              role="img"
              aria-label="QR code for your authenticator app"
              className="mt-2 w-48 max-w-full border border-line bg-white p-1 [&>svg]:h-auto [&>svg]:w-full"
              // The SVG is made on the server from our own otpauth address: no outside input.
              dangerouslySetInnerHTML={{ __html: svg }}
            />
            <p className="m-0 mt-2">If you cannot scan it, type this key into the app instead:</p>
            <p className="m-0 break-all font-mono text-lg tracking-wider" data-testid="totp-secret" data-secret={secret}>
              {grouped(secret)}
            </p>
          </li>
          <li>Enter the 6-digit code the app shows.</li>
        </ol>
      ) : null}
      <ActionForm action={confirmTotpAction} submitLabel={secret ? 'Check the code' : undefined} pendingLabel="Checking…" idPrefix={idPrefix}>
        {secret ? (
          <Input name="code" label="Code from the app" hint="6 digits, for example 123456" autoComplete="one-time-code" className="max-w-40" />
        ) : null}
      </ActionForm>
    </div>
  );
}
