// Lint: Next.js's rules, and the layering rules of docs/decisions/0015-import-rules.md, enforced per folder.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

const root = import.meta.dirname;

/**
 * The lib/ modules that reach the database (they import the handle, the schema or drizzle): the data side of
 * lib/, which components/ may name only in type imports. Found from the code, so a new one is covered at once.
 */
function databaseModules() {
  const touchesDb = /^import (?!type )[^;]*from '(@\/db\/(client|schema)|drizzle-orm[^']*)'/m;
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name) && touchesDb.test(readFileSync(full, 'utf8'))) {
        const name = `@/${path.relative(root, full).replace(/\\/g, '/').replace(/\.tsx?$/, '')}`;
        found.push(name, ...(name.endsWith('/index') ? [name.slice(0, -'/index'.length)] : []));
      }
    }
  };
  walk(path.join(root, 'lib'));
  return found.sort();
}

const DECISION = 'docs/decisions/0015-import-rules.md';

/** One `no-restricted-imports` rule for the files of one folder (type-aware: `allowTypeImports` per pattern). */
const restrict = (files, patterns) => ({
  files,
  rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
});

/** An import of one of the project's top folders, by alias or by relative path: `folders` is a regex alternative. */
const into = (folders, rest = '(/|$)') => `^(@/|(\\.\\./)+)(${folders})${rest}`;

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: ['.next/**', '.next-*/**', 'scratch/**', 'node_modules/**', '.data/**', 'db/migrations/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'],
  },
  restrict(['app/**/*.{ts,tsx}', 'pages/**/*.{ts,tsx}'], [
    {
      regex: into('db', '/(?!client$)'),
      message: `app/ takes only the database handle (getDb, getDbHandle) from @/db/client; the schema, enums, retries and factories are reached through lib/ (${DECISION}).`,
    },
  ]),
  restrict(['components/**/*.{ts,tsx}'], [
    { regex: into('db'), message: `components/ never touches the database: a page loads the data and passes it in (${DECISION}).` },
    {
      group: databaseModules(),
      allowTypeImports: true,
      message: `components/ may import this lib/ module (it reaches the database) for its types only: a page loads the data (${DECISION}).`,
    },
    {
      regex: into('app', '/(?!.*[/-]actions$)'),
      message: `components/ may import a server action from app/ (a client button calls it), nothing else of app/ (${DECISION}).`,
    },
  ]),
  restrict(['db/**/*.ts'], [
    {
      regex: into('lib|app|components'),
      message: `db/ imports nothing above it: what it needs (settings, a logger) is read in db/ or handed in by lib/startup.ts (${DECISION}).`,
    },
  ]),
  // Structure (issue: thin services, pages in sections): a function over 100 lines is split into named steps.
  {
    files: ['app/**/*.{ts,tsx}', 'pages/**/*.{ts,tsx}', 'lib/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}'],
    rules: { 'max-lines-per-function': ['error', { max: 100, skipBlankLines: false, skipComments: false, IIFEs: true }] },
  },
  restrict(['lib/**/*.{ts,tsx}'], [
    { regex: into('app|components'), message: `lib/ imports nothing from app/ or components/: dependencies point app → lib → db (${DECISION}).` },
  ]),
];

export default config;
