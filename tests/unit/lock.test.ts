import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDirectoryLock, DatabaseLockedError } from '@/db/lock';

const dirs: string[] = [];
function tempDbDir() {
  const parent = mkdtempSync(path.join(tmpdir(), 'lock-test-'));
  dirs.push(parent);
  return path.join(parent, 'pglite');
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('embedded database lock', () => {
  it('writes our pid beside the directory and removes it on release', () => {
    const dir = tempDbDir();
    const release = acquireDirectoryLock(dir);
    expect(readFileSync(`${dir}.lock`, 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });

  it('refuses a second process while the owner is alive, naming its pid', () => {
    const dir = tempDbDir();
    // The test runner's parent process is alive and is not us.
    writeFileSync(`${dir}.lock`, String(process.ppid));
    expect(() => acquireDirectoryLock(dir)).toThrow(DatabaseLockedError);
    expect(() => acquireDirectoryLock(dir)).toThrow(`pid ${process.ppid}`);
    expect(readFileSync(`${dir}.lock`, 'utf8')).toBe(String(process.ppid));
  });

  it('takes over the lock of a process that no longer exists', () => {
    const dir = tempDbDir();
    writeFileSync(`${dir}.lock`, '2147483646');
    const release = acquireDirectoryLock(dir);
    expect(readFileSync(`${dir}.lock`, 'utf8')).toBe(String(process.pid));
    release();
  });
});
