import type { MetadataRoute } from 'next';
import { appUrl } from '@/lib/env';

export default function robots(): MetadataRoute.Robots {
  return {
    // Staff pages, patients' private links and APIs are never for search engines.
    rules: { userAgent: '*', allow: '/', disallow: ['/dashboard', '/api/', '/consult/manage', '/sign-in'] },
    sitemap: `${appUrl()}/sitemap.xml`,
  };
}
