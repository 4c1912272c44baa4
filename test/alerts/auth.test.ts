import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { credentialMatches, grafanaSignatureMatches } from '../../adapters/alerts/auth.js';

const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

describe('credentialMatches', () => {
  it.each([
    ['a bearer token', 'Bearer s3cret', true],
    ['the scheme in any case', 'bearer s3cret', true],
    ['a wrong bearer token', 'Bearer s3cre', false],
    ['basic auth with the token as password', basic('alertmanager', 's3cret'), true],
    ['basic auth with a wrong password', basic('s3cret', 'nope'), false],
    ['another scheme', 'Token s3cret', false],
    ['no scheme', 's3cret', false],
    ['nothing', undefined, false],
  ])('%s', (_name, header, expected) => {
    expect(credentialMatches(header, 's3cret')).toBe(expected);
  });
});

describe('grafanaSignatureMatches', () => {
  const body = Buffer.from('{"status":"firing"}');
  const sign = (data: string) => createHmac('sha256', 'k').update(data).digest('hex');

  it('accepts the hex HMAC of the body', () => {
    expect(grafanaSignatureMatches(body, sign(body.toString()), 'k')).toBe(true);
  });

  it('signs timestamp:body when a timestamp header is used', () => {
    expect(grafanaSignatureMatches(body, sign(`1700000000:${body.toString()}`), 'k', '1700000000')).toBe(true);
    expect(grafanaSignatureMatches(body, sign(body.toString()), 'k', '1700000000')).toBe(false);
  });

  it('refuses a changed body or a missing signature', () => {
    expect(grafanaSignatureMatches(Buffer.from('{"status":"resolved"}'), sign(body.toString()), 'k')).toBe(false);
    expect(grafanaSignatureMatches(body, undefined, 'k')).toBe(false);
  });
});
