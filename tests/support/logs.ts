// What the code logs while a test runs one piece of it: the lines are captured (and so do not count as
// unexpected errors in tests/support/fail-on-console-error.ts), for the test to assert on.
import { Writable } from 'node:stream';
import { createLogger, rootLogger, setRootLogger } from '@/lib/log';

export type CapturedLine = { level: string; msg: string; component?: string; [key: string]: unknown };

export async function captureLogs<T>(run: () => Promise<T>): Promise<{ result: T; lines: CapturedLine[] }> {
  const lines: CapturedLine[] = [];
  const previous = rootLogger();
  setRootLogger(
    createLogger(
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(JSON.parse(chunk.toString('utf8')) as CapturedLine);
          done();
        },
      }),
    ),
  );
  try {
    return { result: await run(), lines };
  } finally {
    setRootLogger(previous);
  }
}
