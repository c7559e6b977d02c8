// schema.org JSON-LD for search engines: the clinic, each guide article, and the FAQ (pure builders).
import type { Clinic } from '@/lib/env';
import type { GuidePage } from './guide';
import { referenceUrl, type Reference } from './references';

export function clinicJsonLd(clinic: Clinic, siteUrl: string) {
  return {
    '@context': 'https://schema.org',
    '@type': 'MedicalClinic',
    '@id': `${siteUrl}/#clinic`,
    name: clinic.name,
    url: `${siteUrl}/`,
    telephone: clinic.phone,
    email: clinic.email,
    address: { '@type': 'PostalAddress', streetAddress: clinic.address },
    medicalSpecialty: ['Musculoskeletal', 'PhysicalTherapy'],
    employee: { '@type': 'Physician', name: clinic.physician },
  };
}

const CITATION_TYPES: Record<Reference['kind'], string> = {
  study: 'ScholarlyArticle',
  news: 'NewsArticle',
  'patient-information': 'WebPage',
};

export function articleJsonLd(page: GuidePage, clinic: Clinic, siteUrl: string, cited: Reference[]) {
  const url = `${siteUrl}/guide/${page.slug}`;
  return {
    '@context': 'https://schema.org',
    '@type': 'MedicalWebPage',
    '@id': url,
    url,
    name: page.title,
    headline: page.title,
    description: page.description,
    inLanguage: 'en-US',
    lastReviewed: page.lastReviewed,
    reviewedBy: { '@type': 'Person', name: clinic.reviewer },
    publisher: { '@type': 'MedicalClinic', '@id': `${siteUrl}/#clinic`, name: clinic.name },
    audience: { '@type': 'PeopleAudience', audienceType: 'Patient' },
    isPartOf: { '@type': 'WebPage', '@id': `${siteUrl}/guide`, name: 'Spinal surgery guide' },
    citation: cited.map((r) => ({
      '@type': CITATION_TYPES[r.kind],
      name: r.title,
      author: r.authors,
      ...(r.year ? { datePublished: String(r.year) } : {}),
      isPartOf: r.journal,
      url: referenceUrl(r),
    })),
  };
}

export function faqJsonLd(items: { question: string; answer: string }[], url: string) {
  return {
    '@context': 'https://schema.org',
    '@type': 'FAQPage',
    '@id': `${url}#faq`,
    mainEntity: items.map((i) => ({
      '@type': 'Question',
      name: i.question,
      acceptedAnswer: { '@type': 'Answer', text: i.answer },
    })),
  };
}
