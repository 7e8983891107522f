// The shape of every refusal and failure: an exit status, nothing on stdout, and exactly one
// line on stderr, "oncall: " and the message.

import { expect } from 'vitest';
import type { Result } from './helpers.js';

export function expectOneLine(r: Result, status: number, message: string | RegExp): void {
  const what = `status ${r.status}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;
  expect(r.status, what).toBe(status);
  expect(r.stdout, what).toBe('');
  expect(r.stderr.endsWith('\n') && r.stderr.split('\n').length === 2, what).toBe(true);
  if (typeof message === 'string') expect(r.stderr, what).toBe(`oncall: ${message}\n`);
  else expect(r.stderr.slice('oncall: '.length, -1), what).toMatch(message);
}
