// The guide's HTML document: the same <html lang> and <body> as app/layout.tsx.
import { Head, Html, Main, NextScript } from 'next/document';

export default function GuideDocument() {
  return (
    <Html lang="en-US">
      <Head />
      <body className="min-h-screen flex flex-col">
        <Main />
        <NextScript />
      </body>
    </Html>
  );
}
