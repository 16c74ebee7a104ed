import { renderInvitationEmail } from '@assist-ten/core/assessments/invitation.email';
import { InviteCandidatesBody } from '@assist-ten/core/assessments/invitation.schema';
import { invitationIdOf, validUntilFor, viewStatusOf } from '@assist-ten/core/assessments/invitation.service';
import { idPattern } from '@assist-ten/core/shared/ids';
import { describe, expect, it } from 'vitest';

const NOW = '2026-11-25T10:00:00.000Z';
const ASSESSMENT = 'asmt_01JDEM0000000000000000000A';

describe('invitations', () => {
  it('gives one invitation id per assessment and candidate, the same every time', () => {
    // Act
    const first = invitationIdOf(ASSESSMENT, 'cand_01JDEM0000000000000000000A');
    const again = invitationIdOf(ASSESSMENT, 'cand_01JDEM0000000000000000000A');
    const other = invitationIdOf(ASSESSMENT, 'cand_01JDEM0000000000000000000B');

    // Assert
    expect(first).toBe(again);
    expect(first).not.toBe(other);
    expect(first).toMatch(idPattern('invitation'));
  });

  it('makes a link valid for the assessment’s days, but never past its close', () => {
    expect(validUntilFor({ invitationValidDays: 7, availableUntil: undefined }, NOW)).toBe('2026-12-02T10:00:00.000Z');
    expect(validUntilFor({ invitationValidDays: 7, availableUntil: '2026-11-27T00:00:00.000Z' }, NOW)).toBe(
      '2026-11-27T00:00:00.000Z',
    );
  });

  it('reads a pending invitation past its validity as expired, and the others as stored', () => {
    expect(viewStatusOf({ status: 'pending', validUntil: '2026-11-25T09:59:59.000Z' }, NOW)).toBe('expired');
    expect(viewStatusOf({ status: 'pending', validUntil: '2026-11-25T10:00:01.000Z' }, NOW)).toBe('pending');
    expect(viewStatusOf({ status: 'used', validUntil: '2026-11-25T09:00:00.000Z' }, NOW)).toBe('used');
  });

  it('takes 1 to 500 distinct candidates', () => {
    const ids = (count: number) =>
      Array.from({ length: count }, (_, index) => `cand_01JDEM${String(index).padStart(20, '0')}`);

    expect(InviteCandidatesBody.safeParse({ candidateIds: ids(500) }).success).toBe(true);
    expect(InviteCandidatesBody.safeParse({ candidateIds: ids(501) }).success).toBe(false);
    expect(InviteCandidatesBody.safeParse({ candidateIds: [] }).success).toBe(false);
    expect(InviteCandidatesBody.safeParse({ candidateIds: [...ids(1), ...ids(1)] }).success).toBe(false);
  });

  it('puts the link in the email and escapes what people typed', () => {
    // Act
    const email = renderInvitationEmail({
      candidateName: 'Ana <script>',
      tenantName: 'Acme & Co',
      assessmentTitle: 'Front-end "screen"',
      durationMinutes: 45,
      validUntil: '2026-12-02T10:00:00.000Z',
      link: 'https://app.example.test/assessment/abc_DEF-123',
    });

    // Assert
    expect(email.text).toContain('https://app.example.test/assessment/abc_DEF-123');
    expect(email.text).toContain('45 minutes');
    expect(email.html).toContain('Ana &lt;script&gt;');
    expect(email.html).not.toContain('<script>');
    expect(email.subject).toBe('Acme & Co invites you to an assessment: Front-end "screen"');
  });
});
