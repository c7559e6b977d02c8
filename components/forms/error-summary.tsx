// The one "There is a problem" box (the GOV.UK error summary): the form's own message first, then one
// link per field error that moves to the field. Client forms pass a ref so it takes focus after a refused
// submit; pages rendered on the server (GET filters) use it as is. `size="large"` is the patient form's.
import type { ReactNode, Ref } from 'react';

export function ErrorSummary({
  errors = {},
  message,
  fieldId,
  note,
  size = 'compact',
  ref,
}: {
  errors?: Record<string, string | undefined>;
  /** A problem with the whole form (no field to link to). */
  message?: string;
  /** The id of the field named in `errors`, for the link. */
  fieldId: (name: string) => string;
  /** A line under the list (what still applies, what is shown instead). */
  note?: ReactNode;
  size?: 'compact' | 'large';
  ref?: Ref<HTMLDivElement>;
}) {
  const entries = Object.entries(errors).filter((entry): entry is [string, string] => Boolean(entry[1]));
  if (!message && entries.length === 0) return null;
  const large = size === 'large';
  const focusable = ref ? 'outline-none focus:outline-3 focus:outline-focus' : '';
  return (
    <div
      ref={ref}
      tabIndex={ref ? -1 : undefined}
      role="alert"
      aria-labelledby={large ? 'error-summary-title' : undefined}
      className={large ? `mb-8 border-4 border-danger bg-white p-5 ${focusable}` : `mb-4 border-l-4 border-danger bg-danger-soft p-3 ${focusable}`}
    >
      {large ? (
        <h2 id="error-summary-title" className="mt-0 mb-3 text-2xl font-bold">
          There is a problem
        </h2>
      ) : (
        <p className="m-0 font-bold">There is a problem</p>
      )}
      <ul className="m-0 list-none p-0">
        {message ? <li className={large ? 'font-semibold text-danger' : 'text-danger'}>{message}</li> : null}
        {entries.map(([name, text]) => (
          <li key={name}>
            <a href={`#${fieldId(name)}`} className={large ? 'font-semibold text-danger' : 'text-danger'}>
              {text}
            </a>
          </li>
        ))}
      </ul>
      {note ? <p className="m-0 mt-1">{note}</p> : null}
    </div>
  );
}
