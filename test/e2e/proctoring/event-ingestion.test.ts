import { randomUUID } from 'node:crypto';
import { ProctoringEventEntity } from '@assist-ten/core/proctoring/proctoring-event.entity';
import { ProctoringSummaryEntity } from '@assist-ten/core/proctoring/proctoring-summary.entity';
import { describe, expect, it } from 'vitest';
import { call, tokenFor } from '../../support/api.ts';
import { candidateInSession } from '../../support/fixtures/test-sessions.ts';
import { eventually } from '../../support/queues.ts';
import { HOME } from '../../support/users.ts';
import { whoIs } from '../../support/whoami.ts';

const EVENTS = '/api/v1/proctoring/events';

interface EventResults {
  accepted: number;
  duplicates: number;
  rejected: number;
  results: { clientEventId: string; outcome: string; proctoringEventId?: string; reason?: string }[];
}

const secondsAgo = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString();

const report = (accessToken: string, events: object[]) =>
  call<EventResults>('POST', EVENTS, { token: accessToken, body: { events } });

const summaryOf = async (tenantId: string, testSessionId: string) =>
  (await ProctoringSummaryEntity.get({ tenantId, testSessionId }).go({ consistent: true })).data;

const tenantOf = async (): Promise<string> => (await whoIs(HOME.recruiter)).tenantId;

describe('proctoring event ingestion', () => {
  it('accepts a batch, answers per event, and the queue scores the session', async () => {
    // Arrange
    const candidate = await candidateInSession();
    const tenantId = await tenantOf();
    const events = [1, 2, 3].map((n) => ({
      clientEventId: `tab-${n}-${randomUUID()}`,
      eventType: 'tab_switch',
      detectedAt: secondsAgo(3 - n),
      durationSeconds: 4,
    }));

    // Act
    const response = await report(candidate.accessToken, [
      ...events,
      { clientEventId: 'future-type', eventType: 'mind_reading', detectedAt: secondsAgo(1) },
      { clientEventId: 'last-week', eventType: 'copy', detectedAt: secondsAgo(7 * 86_400) },
    ]);

    // Assert: three stored, two refused with their reason
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ accepted: 3, duplicates: 0, rejected: 2 });
    expect(response.body.results.map((result) => result.reason ?? result.outcome)).toEqual([
      'accepted',
      'accepted',
      'accepted',
      'unknown_event_type',
      'outside_session',
    ]);
    // The third tab switch within 5 minutes is high: 4 + 4 + 10 points off
    await eventually(
      async () => (await summaryOf(tenantId, candidate.testSessionId))?.integrityScore === 82,
      'the score',
    );
    const third = response.body.results[2]?.proctoringEventId ?? '';
    const { data: stored } = await ProctoringEventEntity.get({ tenantId, proctoringEventId: third }).go();
    expect(stored).toMatchObject({ severity: 'high', counted: true, flagged: true, reviewStatus: 'pending' });
  });

  it('counts an event sent 1,000 times, in the same batch or later ones, once', async () => {
    // Arrange
    const candidate = await candidateInSession();
    const tenantId = await tenantOf();
    const paste = { clientEventId: `paste-${randomUUID()}`, eventType: 'paste', detectedAt: secondsAgo(1) };

    // Act: 1,000 copies of one event: a batch of 50 copies, retried twenty times
    const copies = Array.from({ length: 50 }, () => paste);
    const responses = [];
    for (let attempt = 0; attempt < 20; attempt++) responses.push(await report(candidate.accessToken, copies));

    // Assert
    expect(responses[0]?.body).toMatchObject({ accepted: 1, duplicates: 49 });
    expect(responses.slice(1).every((response) => response.body.duplicates === 50)).toBe(true);
    await eventually(
      async () => (await summaryOf(tenantId, candidate.testSessionId))?.eventCount === 1,
      'the evaluation',
    );
    expect(await summaryOf(tenantId, candidate.testSessionId)).toMatchObject({
      integrityScore: 90,
      countedEventCount: 1,
    });
  });

  it('refuses events once the session is submitted, and takes no staff token', async () => {
    // Arrange
    const candidate = await candidateInSession();
    await call('POST', '/api/v1/candidate/test-session/submit', { token: candidate.accessToken, body: {} });

    // Act
    const afterSubmit = await report(candidate.accessToken, [
      { clientEventId: 'late', eventType: 'copy', detectedAt: secondsAgo(1) },
    ]);
    const staff = await call('POST', EVENTS, {
      token: await tokenFor(HOME.recruiter),
      body: { events: [{ clientEventId: 'x', eventType: 'copy', detectedAt: secondsAgo(1) }] },
    });

    // Assert: a finished session stays readable to its candidate, and records nothing more
    expect(afterSubmit.status).toBe(200);
    expect(afterSubmit.body).toMatchObject({ accepted: 0, rejected: 1 });
    expect(afterSubmit.body.results[0]?.reason).toBe('session_submitted');
    expect(staff.status).toBe(401);
  });

  it('names the field that is wrong in a malformed batch', async () => {
    // Arrange
    const candidate = await candidateInSession();

    // Act
    const tooMany = await report(
      candidate.accessToken,
      Array.from({ length: 51 }, (_, n) => ({ clientEventId: `e${n}`, eventType: 'copy', detectedAt: secondsAgo(1) })),
    );
    const badTime = await report(candidate.accessToken, [
      { clientEventId: 'e1', eventType: 'copy', detectedAt: 'yesterday' },
    ]);
    const bigMetadata = await report(candidate.accessToken, [
      {
        clientEventId: 'e2',
        eventType: 'copy',
        detectedAt: secondsAgo(1),
        metadata: Object.fromEntries(Array.from({ length: 11 }, (_, n) => [`k${n}`, n])),
      },
    ]);

    // Assert
    expect(tooMany.status).toBe(400);
    expect(JSON.stringify(tooMany.body)).toContain('"field":"events"');
    expect(badTime.status).toBe(400);
    expect(JSON.stringify(badTime.body)).toContain('events.0.detectedAt');
    expect(bigMetadata.status).toBe(400);
    expect(JSON.stringify(bigMetadata.body)).toContain('events.0.metadata');
  });
});
