// Where a consultation request came from, without a cookie: the start page's hidden fields from its own address
// and Referer (startFields), and what "Start now" keeps of them when they come back from the browser
// (attributionFrom).
import { describe, expect, it } from 'vitest';
import { attributionFrom, startFields } from '@/lib/intake/attribution';

const HOST = 'clinic.example';
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

describe('the start page reads where the person came from', () => {
  it('from a guide page: the page whose link was followed, that page as the one before the form', () => {
    expect(startFields({ from: 'risks-and-outcomes' }, 'https://clinic.example/guide/risks-and-outcomes', HOST)).toEqual({
      from: 'risks-and-outcomes',
      landing: '/guide/risks-and-outcomes',
    });
  });

  it('keeps the campaign parameters of the page before the form, and nothing else of its query', () => {
    const referer = 'https://clinic.example/guide/recovery?utm_source=newsletter&email=dana%40example.com&utm_campaign=spring';
    expect(startFields({ from: 'recovery' }, referer, HOST)).toEqual({
      from: 'recovery',
      landing: '/guide/recovery?utm_source=newsletter&utm_campaign=spring',
      utm_source: 'newsletter',
      utm_campaign: 'spring',
    });
  });

  it("prefers the form's own campaign parameters to those of the page before it", () => {
    const fields = startFields({ utm_source: 'ad', utm_medium: 'cpc' }, 'https://clinic.example/?utm_source=newsletter', HOST);
    expect(fields).toEqual({ landing: '/?utm_source=newsletter', utm_source: 'ad', utm_medium: 'cpc' });
  });

  it('another site linking straight to the form: its origin and path (never its query), the form as the landing page', () => {
    const fields = startFields({ utm_source: 'partner' }, 'https://news.example/story/back-pain?id=42#top', HOST);
    expect(fields).toEqual({ landing: '/consult?utm_source=partner', referrer: 'https://news.example/story/back-pain', utm_source: 'partner' });
  });

  it('no Referer, or one that is not a web address: the form itself, no referrer', () => {
    expect(startFields({}, null, HOST)).toEqual({ landing: '/consult' });
    expect(startFields({}, 'android-app://com.example', HOST)).toEqual({ landing: '/consult' });
    expect(startFields({}, 'not a url', HOST)).toEqual({ landing: '/consult' });
  });

  it("coming from the form's own pages (a reload, after a step) says nothing about the visit", () => {
    expect(startFields({ from: 'faq' }, 'https://clinic.example/consult/details', HOST)).toEqual({ from: 'faq', landing: '/consult' });
    expect(startFields({}, 'https://clinic.example/consult?from=faq', HOST)).toEqual({ landing: '/consult' });
  });

  it('compares hosts with the port, whatever the case of the Host header', () => {
    expect(startFields({}, 'http://localhost:3000/guide', 'localhost:3000').landing).toBe('/guide');
    expect(startFields({}, 'http://localhost:4000/guide', 'localhost:3000').referrer).toBe('http://localhost:4000/guide');
    expect(startFields({}, 'https://clinic.example/privacy', 'Clinic.Example').landing).toBe('/privacy');
  });

  it('drops repeated, empty and over-long values to a fixed length', () => {
    const fields = startFields({ from: ['a', 'b'], utm_source: '  ', utm_term: 'x'.repeat(1000) }, null, HOST);
    expect(fields.from).toBeUndefined();
    expect(fields.utm_source).toBeUndefined();
    expect(fields.utm_term).toHaveLength(200);
    expect(fields.landing!.length).toBeLessThanOrEqual(300);
  });
});

describe('"Start now" keeps the fields, checked again', () => {
  it('maps every field to the draft', () => {
    const posted = form({
      from: 'recovery',
      landing: '/guide/recovery?utm_source=newsletter',
      referrer: 'https://news.example/story',
      utm_source: 'newsletter',
      utm_medium: 'email',
      utm_campaign: 'spring',
      utm_term: 'sciatica',
      utm_content: 'button',
    });
    expect(attributionFrom(posted)).toEqual({
      sourcePage: 'recovery',
      landingPage: '/guide/recovery?utm_source=newsletter',
      referrer: 'https://news.example/story',
      utmSource: 'newsletter',
      utmMedium: 'email',
      utmCampaign: 'spring',
      utmTerm: 'sciatica',
      utmContent: 'button',
    });
  });

  it('refuses a landing page that is not a path on this site, and a referrer that is not a web address', () => {
    for (const landing of ['//elsewhere.example/x', 'https://elsewhere.example/', 'javascript:alert(1)']) {
      expect(attributionFrom(form({ landing })).landingPage, landing).toBeUndefined();
    }
    for (const referrer of ['javascript:alert(1)', '/guide', 'data:text/html,x']) {
      expect(attributionFrom(form({ referrer })).referrer, referrer).toBeUndefined();
    }
  });

  it("keeps only a referrer's origin and path, and limits every value", () => {
    const a = attributionFrom(form({ referrer: 'https://news.example/a?email=dana%40example.com', from: 'y'.repeat(900), landing: `/${'z'.repeat(900)}` }));
    expect(a.referrer).toBe('https://news.example/a');
    expect(a.sourcePage).toHaveLength(200);
    expect(a.landingPage).toHaveLength(300);
  });

  it('a form with none of them (an old page, a script) stores nothing', () => {
    expect(Object.values(attributionFrom(form({ restart: 'yes' }))).filter((v) => v !== undefined)).toEqual([]);
  });
});
