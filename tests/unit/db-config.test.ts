import { describe, expect, it } from 'vitest';
import { readDbConfig } from '@/db/config';

describe('readDbConfig', () => {
  it('uses the embedded database under .data/pglite when nothing is set', () => {
    expect(readDbConfig({})).toEqual({ DATABASE_URL: undefined, MIGRATION_DATABASE_URL: undefined, DATA_DIR: '.data/pglite' });
  });

  it('reads a blank URL as unset and trims a set one, as lib/env.ts does', () => {
    expect(readDbConfig({ DATABASE_URL: '   ', MIGRATION_DATABASE_URL: ' postgres://owner@db:5432/clinic ' })).toMatchObject({
      DATABASE_URL: undefined,
      MIGRATION_DATABASE_URL: 'postgres://owner@db:5432/clinic',
    });
  });

  it('keeps DATA_DIR as given (empty means in memory)', () => {
    expect(readDbConfig({ DATA_DIR: '' }).DATA_DIR).toBe('');
  });

  it('refuses a URL that does not parse, naming the variable and never its value', () => {
    expect(() => readDbConfig({ DATABASE_URL: 'not a url with secret' })).toThrow('DATABASE_URL: must be a postgres:// URL');
    expect(() => readDbConfig({ DATABASE_URL: 'not a url with secret' })).not.toThrow(/secret/);
  });
});
