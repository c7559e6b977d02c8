// A test that makes the code log an error has found a problem, even if its assertions pass: console.error,
// and any line the product's logger (lib/log.ts) writes at level error or above.
import { Writable } from 'node:stream';
import { afterEach, vi } from 'vitest';
import { createLogger, setRootLogger } from '@/lib/log';

let errors: string[] = [];
const original = console.error;

console.error = (...args: unknown[]) => {
  errors.push(args.map(String).join(' '));
  original(...args);
};

const ERROR_LEVEL = 'error';
setRootLogger(
  createLogger(
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        const line = chunk.toString('utf8');
        process.stdout.write(line);
        try {
          const parsed = JSON.parse(line) as { level?: string };
          if (parsed.level === ERROR_LEVEL || parsed.level === 'fatal') errors.push(line.trim());
        } catch {
          errors.push(`unparseable log line: ${line.trim()}`);
        }
        done();
      },
    }),
  ),
);

afterEach(() => {
  const logged = errors;
  errors = [];
  if (logged.length) {
    throw new Error(`an error was logged during the test:\n${logged.join('\n')}`);
  }
  vi.restoreAllMocks();
});
