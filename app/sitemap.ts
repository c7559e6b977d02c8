import type { MetadataRoute } from 'next';
import { listGuidePages } from '@/lib/content/guide';
import { guidePath } from '@/lib/content/links';
import { appUrl } from '@/lib/env';

export default function sitemap(): MetadataRoute.Sitemap {
  const base = appUrl();
  const pages = listGuidePages();
  const newest = pages.map((p) => p.lastReviewed).sort().at(-1);
  return [
    { url: `${base}/`, changeFrequency: 'monthly', priority: 1 },
    { url: `${base}/guide`, lastModified: newest, changeFrequency: 'monthly', priority: 0.9 },
    ...pages.map((p) => ({
      url: `${base}${guidePath(p.slug)}`,
      lastModified: p.lastReviewed,
      changeFrequency: 'yearly' as const,
      priority: 0.8,
    })),
    { url: `${base}/guide/references`, lastModified: newest, changeFrequency: 'yearly', priority: 0.5 },
    { url: `${base}/guide/glossary`, lastModified: newest, changeFrequency: 'yearly', priority: 0.5 },
    { url: `${base}/privacy`, changeFrequency: 'yearly', priority: 0.3 },
  ];
}
