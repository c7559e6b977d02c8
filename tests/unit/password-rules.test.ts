// The password rule with real passwords people choose, and the hashing parameters read back from a hash.
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { PASSWORD_HINT, PASSWORD_MESSAGES, passwordProblem, personalWords } from '@/lib/auth/password-rules';

const person = { email: 'dana.whitfield@example.com', name: 'Dana Whitfield', clinicName: 'Harbor Physical Therapy' };

describe('the password rule', () => {
  it.each(['password1234', 'qwertyuiop123', 'iloveyou1234', '1234567890ab', 'Password123!', 'letmein12345'])(
    'refuses %s: it is among the most used passwords',
    (password) => {
      expect(passwordProblem(password, person)).toBe('common');
    },
  );

  it.each(['Harbor2024!!!', 'harborphysical1', 'HarborPhysicalTherapy', 'DanaWhitfield1990', 'whitfield1990!', 'dana.whitfield1'])(
    "refuses %s: it is built from the person's or the clinic's name",
    (password) => {
      expect(passwordProblem(password, person)).toBe('personal');
    },
  );

  it('refuses the default clinic name with digits, not only a configured one', () => {
    expect(passwordProblem('StemCellInstitute2026', { email: 'a@example.com', clinicName: 'Stem Cell Institute' })).toBe('personal');
  });

  it.each(['aaaaaaaaaaaaaaaa', 'abcdefghijklmnop', 'zxcvbnmasdfghjkl'])('refuses %s: a repeat, a sequence or a keyboard run', (password) => {
    expect(['common', 'guessable']).toContain(passwordProblem(password, person));
  });

  it.each(['correct horse battery staple', 'violet-kettle-march-orbit', 'my dog likes 7 green apples', 'zq8#Lm2!vR5pW', 'four unrelated words 4821'])(
    'accepts %s',
    (password) => {
      expect(passwordProblem(password, person)).toBeNull();
    },
  );

  it('asks for 12 characters or more and no more than 200, and not the email address', () => {
    expect(passwordProblem('short-pass1', person)).toBe('too_short');
    expect(passwordProblem('x'.repeat(201), person)).toBe('too_long');
    expect(passwordProblem('Dana.Whitfield@Example.com', person)).toBe('same_as_email');
  });

  it('checks a long passphrase quickly enough to run on every submit (only its first 100 characters matter)', () => {
    expect(passwordProblem('river lantern quietly '.repeat(9).slice(0, 200), person)).toBeNull();
  });

  it('takes the words of the name, the email and the clinic, alone and run together', () => {
    expect(personalWords(person)).toEqual(
      expect.arrayContaining(['dana', 'whitfield', 'danawhitfield', 'harbor', 'physical', 'therapy', 'harborphysicaltherapy']),
    );
    expect(personalWords({ email: 'jo@example.com', name: 'Jo Li' })).toEqual([]);
  });

  it('tells the person what to do, in a sentence for the field', () => {
    for (const problem of ['common', 'personal', 'guessable'] as const) {
      expect(PASSWORD_MESSAGES[problem]).toMatch(/^Choose a password that is harder to guess: /);
    }
    expect(PASSWORD_HINT).toMatch(/12 characters/);
  });
});

describe('password hashing', () => {
  it('is argon2id with at least 19456 KiB of memory, 2 passes and 1 lane (OWASP minimum), read from the hash', async () => {
    const hash = await hashPassword('correct horse battery staple');
    const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(hash);
    expect(match).not.toBeNull();
    const [, m, t, p] = match!.map(Number);
    expect(m).toBeGreaterThanOrEqual(19_456);
    expect(t).toBeGreaterThanOrEqual(2);
    expect(p).toBeGreaterThanOrEqual(1);
    expect(await verifyPassword(hash, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse battery stapler')).toBe(false);
  });
});
