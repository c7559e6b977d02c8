// The log's rules: one JSON object per line with a level and the component, personal fields replaced
// wherever they sit, and an error printed to the console reduced to its kind (its message can carry a
// query's values).
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loggedPath } from '@/lib/http/private-paths';
import { consoleArgument, createLogger, REDACTED_FIELDS } from '@/lib/log';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger(stream) };
}

describe('the log', () => {
  it('writes JSON lines with the level as a word, the service, the component and the request id', () => {
    const { lines, logger } = capture();
    logger.child({ component: 'action', requestId: 'Q4T7-XK2M-9RBD' }).warn({ action: 'saveStep' }, 'slow');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'warn', service: 'clinic-consult', component: 'action', requestId: 'Q4T7-XK2M-9RBD', action: 'saveStep', msg: 'slow' });
    expect(typeof lines[0]!.time).toBe('string');
  });

  it('replaces every personal field, at the top and two levels down, and keeps the rest', () => {
    const { lines, logger } = capture();
    const person = { email: 'rosa@example.com', phone: '+13235550110', firstName: 'Rosa', message: 'my knee', kind: 'database 23505' };
    logger.error({ ...person, lead: { ...person, request: { ...person } } }, 'failed');
    const text = JSON.stringify(lines[0]);
    for (const value of ['rosa@example.com', '+13235550110', 'Rosa', 'my knee']) expect(text).not.toContain(value);
    expect(lines[0]).toMatchObject({ kind: 'database 23505', lead: { kind: 'database 23505', request: { kind: 'database 23505', email: '[redacted]' } } });
    expect(REDACTED_FIELDS).toEqual(expect.arrayContaining(['email', 'phone', 'message', 'name', 'toAddress']));
  });

  it('reduces an error given to the console to its kind and digest, never its message', () => {
    const error = Object.assign(new Error('Failed query: insert into leads … params: Rosa,rosa@example.com'), { digest: '123456' });
    const written = consoleArgument(error, () => 'database 23514');
    expect(written).toBe('[database 23514 digest 123456]');
    expect(consoleArgument({ digest: '42' }, () => 'x')).toBe('[digest 42]');
    expect(consoleArgument({ email: 'rosa@example.com' }, () => 'x')).toBe('[object]');
    expect(consoleArgument('✓ Ready in 1.2s', () => 'x')).toBe('✓ Ready in 1.2s');
  });
});

describe('the path a request is logged under', () => {
  it('keeps ordinary paths and hides the secret part of a private link', () => {
    expect(loggedPath('/consult/time')).toBe('/consult/time');
    expect(loggedPath('/consult/manage/v1.abc.def/cancel')).toBe('/consult/manage/[link]');
    expect(loggedPath('/unsubscribe/tok123')).toBe('/unsubscribe/[link]');
    expect(loggedPath('/set-password/tok123')).toBe('/set-password/[link]');
    expect(loggedPath(`/${'a'.repeat(500)}`)).toHaveLength(200);
  });
});
