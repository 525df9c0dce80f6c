import { describe, expect, it } from 'vitest';
import { AccordError, exitCodeOf, httpStatusOf, toAccordError } from './errors.js';

describe('error catalogue', () => {
  it('maps file-system mistakes to user errors naming the path', () => {
    const sys = (code: string, path?: string) => Object.assign(new Error(`${code}: x`), { code, ...(path ? { path } : {}) });
    expect(toAccordError(sys('ENOENT', '/no/such'))).toMatchObject({ code: 'not_found', message: '/no/such: no such file or folder', location: { file: '/no/such' } });
    expect(toAccordError(sys('EEXIST', '/tmp/f'))).toMatchObject({ code: 'conflict' });
    expect(toAccordError(sys('EISDIR')).code).toBe('invalid_input');
    expect(toAccordError(sys('EACCES', '/root/x')).code).toBe('forbidden');
  });

  it('keeps AccordErrors and hides everything else behind `internal`', () => {
    const e = new AccordError('conflict', 'dup');
    expect(toAccordError(e)).toBe(e);
    const x = toAccordError(new TypeError('boom'));
    expect(x.code).toBe('internal');
    expect(x.message).toBe('unexpected failure: boom');
  });

  it('maps codes once to HTTP statuses and exit codes', () => {
    expect([httpStatusOf('invalid_input'), exitCodeOf('invalid_input')]).toEqual([422, 65]);
    expect([httpStatusOf('not_found'), exitCodeOf('not_found')]).toEqual([404, 66]);
    expect([httpStatusOf('integrity'), exitCodeOf('integrity')]).toEqual([500, 1]);
    expect([httpStatusOf('conflict'), exitCodeOf('conflict')]).toEqual([409, 73]);
    expect([httpStatusOf('precondition_failed'), exitCodeOf('precondition_failed')]).toEqual([412, 75]);
  });
});
