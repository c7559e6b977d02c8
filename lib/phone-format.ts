// Display helpers for the clinic's phone number (pure).

/** A `tel:` link for a number written for people, e.g. "(310) 555-0142" → "tel:+13105550142". */
export function telHref(display: string): string {
  const digits = display.replace(/[^\d+]/g, '');
  if (digits.startsWith('+')) return `tel:${digits}`;
  // Ten digits are a US number without its country code.
  return `tel:${digits.length === 10 ? `+1${digits}` : digits}`;
}
