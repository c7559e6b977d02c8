// The suite itself: no parked tests. A skipped or focused test hides a defect until someone notices; a flaky
// test is a defect to find, not one to park.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const testsRoot = path.resolve(__dirname, '..');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
const sources = files(testsRoot).map((file) => ({ rel: path.relative(testsRoot, file), source: readFileSync(file, 'utf8') }));

describe('the test suite', () => {
  it('has no skipped, focused, parked or to-do tests', () => {
    const parked = new RegExp(String.raw`\b(?:test|it|describe)(?:\.(?:describe|serial|parallel))?\.(?:${['skip', 'only', 'fixme', 'todo', 'skipIf', 'runIf'].join('|')})\b`);
    const offending = sources.filter(({ source }) => parked.test(source)).map((f) => f.rel);
    expect(offending).toEqual([]);
  });

  it('finds the tests it checks', () => {
    expect(sources.filter((s) => s.rel.startsWith('e2e/')).length).toBeGreaterThanOrEqual(10);
    expect(sources.filter((s) => s.rel.startsWith('integration/')).length).toBeGreaterThanOrEqual(15);
  });
});
