// How email statuses and templates read to staff (lib/labels): one label for each, every one named, and a
// stored name this version does not know shown as it is rather than hidden.
import { describe, expect, it } from 'vitest';
import { EMAIL_TEMPLATES, STAFF_SENDABLE_TEMPLATES } from '@/lib/email/outbox';
import { EMAIL_STATUSES } from '@/lib/email/staff-view';
import { EMAIL_STATUS_LABELS, EMAIL_STATUS_TONES, EMAIL_TEMPLATE_LABELS, templateLabel } from '@/lib/labels';

describe('email labels', () => {
  it('names every status and every template, each label different', () => {
    expect(Object.keys(EMAIL_STATUS_LABELS).sort()).toEqual([...EMAIL_STATUSES].sort());
    expect(Object.keys(EMAIL_STATUS_TONES).sort()).toEqual([...EMAIL_STATUSES].sort());
    expect(Object.keys(EMAIL_TEMPLATE_LABELS).sort()).toEqual(Object.keys(EMAIL_TEMPLATES).sort());
    for (const labels of [EMAIL_STATUS_LABELS, EMAIL_TEMPLATE_LABELS]) {
      expect(new Set(Object.values(labels)).size).toBe(Object.values(labels).length);
    }
  });

  it('says a waiting message is waiting, in words the front desk uses', () => {
    expect(EMAIL_STATUS_LABELS.pending).toBe('Waiting to send');
  });

  it('offers staff the templates they may send by the same names the lists show', () => {
    expect(STAFF_SENDABLE_TEMPLATES.map((t) => templateLabel(t))).toEqual(['We tried to reach you', 'Follow-up: do you still want a consultation?']);
  });

  it('shows an unknown template by its stored name', () => {
    expect(templateLabel('retired-template')).toBe('retired-template');
    expect(templateLabel('toString')).toBe('toString');
  });
});
