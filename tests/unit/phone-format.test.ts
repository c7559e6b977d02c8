import { describe, expect, it } from 'vitest';
import { telHref } from '@/lib/phone-format';

describe('telHref', () => {
  it.each([
    ['(310) 555-0142', 'tel:+13105550142'],
    ['310.555.0142', 'tel:+13105550142'],
    ['+1 310 555 0142', 'tel:+13105550142'],
    ['+44 20 7946 0958', 'tel:+442079460958'],
  ])('turns %s into %s', (display, href) => {
    expect(telHref(display)).toBe(href);
  });
});
