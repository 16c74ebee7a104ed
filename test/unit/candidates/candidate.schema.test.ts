import {
  CreateCandidateBody,
  ListCandidatesQuery,
  UpdateCandidateBody,
} from '@assist-ten/core/candidates/candidate.schema';
import { describe, expect, it } from 'vitest';

/** The dotted path of every issue, as the 400 response names its fields. */
const fieldsOf = (result: { error?: { issues: readonly { path: PropertyKey[] }[] } }): string[] =>
  (result.error?.issues ?? []).map((issue) => issue.path.join('.'));

describe('CreateCandidateBody', () => {
  it('accepts the minimal contract other contexts rely on: fullName and email', () => {
    const result = CreateCandidateBody.safeParse({ fullName: ' Ada Lovelace ', email: '  Ada@Example.TEST ' });

    expect(result.success).toBe(true);
    expect(result.data).toEqual({ fullName: 'Ada Lovelace', email: 'ada@example.test' });
  });

  it('accepts every optional field within bounds', () => {
    const result = CreateCandidateBody.safeParse({
      fullName: 'Ada',
      email: 'ada@example.test',
      phone: '+44 20 7946 0958',
      location: 'London',
      links: { linkedin: 'https://linkedin.com/in/ada', github: 'https://github.com/ada' },
      source: 'referral',
      tags: ['math', 'engines'],
      consent: { givenAt: '2026-01-01T09:00:00+01:00', purpose: 'Hiring' },
      skills: [{ skill: 'Analysis', proficiency: 'expert' }],
    });

    expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
  });

  it('names every invalid field', () => {
    const result = CreateCandidateBody.safeParse({
      fullName: 'x'.repeat(201),
      email: 'not-an-email',
      phone: 'call me',
      links: { github: 'http://github.com/ada', portfolio: 'javascript:alert(1)' },
      source: 'cold_call',
      consent: { givenAt: 'yesterday', purpose: '' },
    });

    expect(fieldsOf(result).sort()).toEqual(
      [
        'fullName',
        'email',
        'phone',
        'links.github',
        'links.portfolio',
        'source',
        'consent.givenAt',
        'consent.purpose',
      ].sort(),
    );
  });

  it('rejects unknown fields, including attempts to set stored secrets', () => {
    const result = CreateCandidateBody.safeParse({
      fullName: 'A',
      email: 'a@x.test',
      wrappedKey: 'k',
      status: 'erased',
    });

    expect(result.success).toBe(false);
  });

  it('bounds lists and refuses duplicates', () => {
    const tooMany = CreateCandidateBody.safeParse({
      fullName: 'A',
      email: 'a@x.test',
      tags: Array.from({ length: 21 }, (_, index) => `t${index}`),
    });
    const duplicateTags = CreateCandidateBody.safeParse({ fullName: 'A', email: 'a@x.test', tags: ['Go', 'go'] });
    const duplicateSkills = CreateCandidateBody.safeParse({
      fullName: 'A',
      email: 'a@x.test',
      skills: [
        { skill: 'Go', proficiency: 'expert' },
        { skill: 'GO', proficiency: 'beginner' },
      ],
    });
    const longTag = CreateCandidateBody.safeParse({ fullName: 'A', email: 'a@x.test', tags: ['x'.repeat(51)] });
    const longLink = CreateCandidateBody.safeParse({
      fullName: 'A',
      email: 'a@x.test',
      links: { portfolio: `https://x.test/${'a'.repeat(490)}` },
    });

    expect(fieldsOf(tooMany)).toEqual(['tags']);
    expect(fieldsOf(duplicateTags)).toEqual(['tags']);
    expect(fieldsOf(duplicateSkills)).toEqual(['skills']);
    expect(fieldsOf(longTag)).toEqual(['tags.0']);
    expect(fieldsOf(longLink)).toEqual(['links.portfolio']);
  });
});

describe('UpdateCandidateBody', () => {
  it('accepts null to clear optional fields and the override', () => {
    const result = UpdateCandidateBody.safeParse({ phone: null, location: null, consent: null, skills: null });

    expect(result.success).toBe(true);
  });

  it('refuses null for required fields', () => {
    const result = UpdateCandidateBody.safeParse({ fullName: null, email: null, source: null });

    expect(fieldsOf(result).sort()).toEqual(['email', 'fullName', 'source']);
  });

  it('refuses an empty body', () => {
    expect(UpdateCandidateBody.safeParse({}).success).toBe(false);
  });
});

describe('ListCandidatesQuery', () => {
  it('normalises the email it looks up and defaults the page size', () => {
    const result = ListCandidatesQuery.safeParse({ email: ' Ada@Example.test' });

    expect(result.data).toEqual({ email: 'ada@example.test', limit: 25 });
  });

  it('refuses an invalid email or limit', () => {
    expect(fieldsOf(ListCandidatesQuery.safeParse({ email: 'nope', limit: '500' })).sort()).toEqual(['email', 'limit']);
  });
});
