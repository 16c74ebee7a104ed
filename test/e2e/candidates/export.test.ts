import { beforeAll, describe, expect, it } from 'vitest';
import { principalOf } from '../../../infra/local/seed.ts';
import { findLocalUser } from '../../../infra/local/seed-data.ts';
import { call, tokenFor } from '../../support/api.ts';
import { aPdf, uploadTo, waitForDocument } from '../../support/files.ts';
import { createApplication, createNote, openRequisition } from '../../support/fixtures/applications.ts';
import { createCandidate } from '../../support/fixtures/candidates.ts';
import { requestUpload, uploadBody } from '../../support/fixtures/documents.ts';
import { giveFeedback } from '../../support/fixtures/feedback.ts';
import { freshInterviewer, INTERVIEWS, scheduleInterview } from '../../support/fixtures/interviews.ts';
import { HOME, OTHER } from '../../support/fixtures.ts';
import { unique } from '../../support/users.ts';

// Loaded after the stack environment points the SDK at the local cloud.
const { exportCandidate } = await import('@assist-ten/core/candidates/candidate.export');

const CANDIDATES = '/api/v1/recruiter/candidates';

interface Exported {
  candidate: { email: string; phone?: string };
  documents: { text?: string }[];
  applications: { id: string }[];
  notes: { body: string; heldPrivately: boolean }[];
  interviews: { id: string; preparationNotes?: string }[];
  feedback: { interviewId: string; status: string; strengths?: string }[];
}

/** A candidate with a processed resume and an application holding a public and a private note. */
const aCandidateWithData = async () => {
  const email = `${unique('olga')}@example.test`;
  const candidate = await createCandidate({ fullName: 'Olga Portable', email, phone: '+33 1 23 45 67 89' });
  const pdf = await aPdf(['Olga Portable', 'Fluent in Haskell and Elixir']);
  const ticket = await requestUpload(
    uploadBody({ kind: 'resume', ownerId: candidate.id, fileName: 'Olga CV.pdf', contentLength: pdf.length }),
  );
  const posted = await uploadTo(ticket.upload, pdf, 'application/pdf', 'Olga CV.pdf');
  expect(posted.status, posted.body).toBeLessThan(300);
  await waitForDocument(ticket.document.id, ['processed']);
  const application = await createApplication({ candidateId: candidate.id, requisitionId: await openRequisition() });
  await createNote(application.id, { type: 'general', body: 'Olga prefers mornings' });
  await createNote(application.id, { type: 'general', body: 'Olga negotiated hard', isPrivate: true });
  return { candidate, email, application };
};

describe('candidate export over HTTP', () => {
  let admin: string;

  beforeAll(async () => {
    admin = await tokenFor(HOME.admin);
  });

  it('answers one document with the decrypted email, the resume text, the applications and every note', async () => {
    // Arrange
    const { candidate, email, application } = await aCandidateWithData();

    // Act
    const response = await call<Exported>('GET', `${CANDIDATES}/${candidate.id}/export`, { token: admin });

    // Assert
    expect(response.status).toBe(200);
    expect(response.body.candidate).toMatchObject({ email, phone: '+33 1 23 45 67 89' });
    expect(response.body.documents[0]?.text).toContain('Fluent in Haskell and Elixir');
    expect(response.body.applications.map((item) => item.id)).toEqual([application.id]);
    expect(response.body.notes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ body: 'Olga prefers mornings', heldPrivately: false }),
        // Private to its author, the recruiter; the admin's export holds it all the same.
        expect.objectContaining({ body: 'Olga negotiated hard', heldPrivately: true }),
      ]),
    );
  });

  it('holds their interviews with the staff notes, and every feedback about them, drafts too', async () => {
    // Arrange: an interview of the candidate, started, with a draft of its interviewer's feedback
    const candidate = await createCandidate();
    const application = await createApplication({ candidateId: candidate.id });
    const interviewer = await freshInterviewer();
    const interview = await scheduleInterview({
      candidateId: candidate.id,
      applicationId: application.id,
      requisitionId: application.requisitionId,
      interviewerId: interviewer.id,
      preparationNotes: 'Ask about the relocation',
    });
    const started = await call('POST', `${INTERVIEWS}/${interview.id}/start`, {
      token: await tokenFor(interviewer.email),
    });
    expect(started.status).toBe(200);
    await giveFeedback(interviewer.email, interview.id, { strengths: 'Calm under pressure' });

    // Act
    const response = await call<Exported>('GET', `${CANDIDATES}/${candidate.id}/export`, { token: admin });

    // Assert
    expect(response.status).toBe(200);
    expect(response.body.interviews).toEqual([
      expect.objectContaining({ id: interview.id, preparationNotes: 'Ask about the relocation' }),
    ]);
    expect(response.body.feedback).toEqual([
      expect.objectContaining({ interviewId: interview.id, status: 'draft', strengths: 'Calm under pressure' }),
    ]);
  });

  it("is refused to a recruiter and to another tenant's admin", async () => {
    // Arrange
    const candidate = await createCandidate();

    // Act
    const byRecruiter = await call('GET', `${CANDIDATES}/${candidate.id}/export`, {
      token: await tokenFor(HOME.recruiter),
    });
    const byStranger = await call('GET', `${CANDIDATES}/${candidate.id}/export`, {
      token: await tokenFor(OTHER.admin),
    });

    // Assert
    expect(byRecruiter.status).toBe(403);
    expect(byStranger.status).toBe(404);
  });

  it('answers 404 for an export task the candidate does not have', async () => {
    // Arrange
    const candidate = await createCandidate();

    // Act
    const response = await call('GET', `${CANDIDATES}/${candidate.id}/exports/task_01JDEM0000000000000000000A`, {
      token: admin,
    });

    // Assert
    expect(response.status).toBe(404);
  });

  // Last: it needs the tasks queue's consumer in functions/consumers.ts, which the local cloud polls.
  it('builds a large export through the tasks queue and hands out a link to its file', async () => {
    // Arrange: the size limit lowered to nothing, through the service (no 5 MB upload)
    const { candidate, email } = await aCandidateWithData();
    const seeded = findLocalUser(HOME.admin);
    if (!seeded) throw new Error('seed user missing');
    const answer = await exportCandidate(principalOf(seeded), candidate.id, { maxInlineBytes: 0 });
    if (!('queued' in answer)) throw new Error('the export was not queued');
    const statusPath = `${CANDIDATES}/${candidate.id}/exports/${answer.queued.taskId}`;

    // Act: poll as the frontend does
    let status = await call('GET', statusPath, { token: admin });
    const deadline = Date.now() + 20_000;
    while (status.body?.status !== 'succeeded' && status.body?.status !== 'failed' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      status = await call('GET', statusPath, { token: admin });
    }
    const download = await fetch(status.body.downloadUrl);
    const file = (await download.json()) as Exported;

    // Assert
    expect(status.body.status, 'is the tasks consumer registered in functions/consumers.ts?').toBe('succeeded');
    expect(Date.parse(status.body.expiresAt) - Date.now()).toBeLessThanOrEqual(60_000);
    expect(download.headers.get('content-disposition')).toContain('attachment');
    expect(file.candidate.email).toBe(email);
    expect(file.documents[0]?.text).toContain('Fluent in Haskell and Elixir');
  }, 45_000);
});
