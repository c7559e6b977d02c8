// A test that makes the code log an error has found a problem, even if its assertions pass.
import { afterEach, vi } from 'vitest';

let errors: unknown[][] = [];
const original = console.error;

console.error = (...args: unknown[]) => {
  errors.push(args);
  original(...args);
};

afterEach(() => {
  const logged = errors;
  errors = [];
  if (logged.length) {
    throw new Error(`console.error was called during the test:\n${logged.map((a) => a.map(String).join(' ')).join('\n')}`);
  }
  vi.restoreAllMocks();
});
