// The Pages Router's shell, used only by the guide (pages/guide): the same stylesheet as the App Router's pages.
import type { AppProps } from 'next/app';
import '../app/globals.css';

export default function GuideApp({ Component, pageProps }: AppProps) {
  return <Component {...pageProps} />;
}
