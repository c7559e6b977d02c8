'use client';

// Passkey buttons (they need JavaScript: the browser's WebAuthn prompt). Shown only once the page knows the
// browser can make or use a passkey; the other ways (authenticator app, recovery code, password) are plain
// forms beside them and work without JavaScript.
import { useId, useState, useSyncExternalStore } from 'react';
import { useRouter } from 'next/navigation';
import { browserSupportsWebAuthn, startAuthentication, startRegistration } from '@simplewebauthn/browser';
import { passkeyOptionsAction, passkeyVerifyAction } from '@/app/(staff)/sign-in/verify/actions';
import { addPasskeyAction, passkeyRegistrationOptionsAction } from '@/app/(staff)/sign-in/set-up/actions';
import { ErrorSummary } from '@/components/forms/error-summary';
import { buttonPrimary, buttonSecondary, CodeList, Confirmation } from './form';

const noSubscription = () => () => {};

/** False on the server and before hydration (no passkey button without JavaScript), then the browser's answer. */
function useSupported(): boolean {
  return useSyncExternalStore(noSubscription, browserSupportsWebAuthn, () => false);
}

/** "Cancelled" and "timed out" read the same to the browser: say so plainly either way. */
const PROMPT_FAILED = 'The passkey prompt was closed or timed out. Try again, or use another way below.';

/** A passkey's problem: said in the one error summary, linked to the name field when it is about the name. */
function Problem({ message, nameId }: { message: string; nameId?: string }) {
  return nameId ? <ErrorSummary errors={{ name: message }} fieldId={() => nameId} /> : <ErrorSummary message={message} fieldId={() => ''} />;
}

/** Signs in (second step) or confirms with a passkey, then goes on to `next`. */
export function PasskeyButton({ purpose, next, label = 'Use a passkey' }: { purpose: 'sign_in' | 'confirm'; next: string; label?: string }) {
  const supported = useSupported();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  if (!supported) return null;
  async function go() {
    setBusy(true);
    setProblem(null);
    try {
      const optionsJSON = await passkeyOptionsAction(purpose);
      if (!optionsJSON) return setProblem('You have no passkey on this account. Use another way below.');
      let response;
      try {
        response = await startAuthentication({ optionsJSON });
      } catch {
        return setProblem(PROMPT_FAILED);
      }
      const answer = await passkeyVerifyAction(purpose, response, next);
      if (answer?.message) setProblem(answer.message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="mb-4">
      {problem ? <Problem message={problem} /> : null}
      <button type="button" onClick={go} disabled={busy} className={buttonPrimary}>
        {busy ? 'Waiting for your passkey…' : label}
      </button>
    </div>
  );
}

/** Names and adds a passkey (this device's screen lock, a phone, or a security key). */
/** `once`: the set-up step of signing in, where the first passkey finishes the job (no second form after it). */
export function AddPasskey({ primary = false, once = false }: { primary?: boolean; once?: boolean }) {
  const supported = useSupported();
  const router = useRouter();
  const nameId = useId();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ message: string; aboutName?: boolean } | null>(null);
  const [done, setDone] = useState<{ message: string; codes?: string[] } | null>(null);
  if (!supported) {
    return <p className="m-0 text-muted">To add a passkey, use a browser with JavaScript turned on that supports passkeys.</p>;
  }
  async function go() {
    setProblem(null);
    setDone(null);
    if (!name.trim()) return setProblem({ message: 'Enter a name for the passkey, such as “Work laptop”', aboutName: true });
    setBusy(true);
    try {
      const optionsJSON = await passkeyRegistrationOptionsAction();
      let response;
      try {
        response = await startRegistration({ optionsJSON });
      } catch {
        return setProblem({ message: 'The passkey was not created: the prompt was closed, timed out, or this passkey is already on your account.' });
      }
      const result = await addPasskeyAction(name, response);
      if (!result.ok) return setProblem({ message: result.message ?? 'The passkey could not be added. Try again.' });
      setDone({ message: result.message ?? '', codes: result.codes });
      setName('');
      // The page shows what is now set up (this component keeps the codes on screen meanwhile).
      router.refresh();
    } finally {
      setBusy(false);
    }
  }
  return (
    <div>
      {problem ? <Problem message={problem.message} nameId={problem.aboutName ? nameId : undefined} /> : null}
      {done ? (
        <>
          <Confirmation message={done.message} />
          {done.codes?.length ? <CodeList codes={done.codes} /> : null}
        </>
      ) : null}
      {done && once ? null : (
        <>
          <div className="mb-4">
            <label htmlFor={nameId} className="block font-semibold">
              Passkey name
            </label>
            <p id={`${nameId}-hint`} className="m-0 text-sm text-muted">
              So you can tell your passkeys apart, for example “Work laptop” or “My phone”.
            </p>
            <input
              id={nameId}
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={60}
              aria-describedby={`${nameId}-hint`}
              autoComplete="off"
              className="block w-full rounded border-2 border-muted bg-white px-2 py-1.5 text-base"
            />
          </div>
          <button type="button" onClick={go} disabled={busy} className={primary ? buttonPrimary : buttonSecondary}>
            {busy ? 'Waiting for your passkey…' : 'Add a passkey'}
          </button>
        </>
      )}
    </div>
  );
}
