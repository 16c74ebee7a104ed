import { benchCaller, type Principal } from './assessments.ts';
import { type Summary, summarise } from './stats.ts';

/** Interviews measured against the local cloud (docs/benchmarks.md). */
export interface InterviewTimings {
  /** POST /interviewer/interviews over HTTP, one after another: checks, booking transaction, events. */
  scheduling: Summary;
  bookings: number;
  /** "My upcoming interviews" over HTTP: the first page (25) of an interviewer with `bookings` interviews. */
  upcoming: Summary;
  /** 20 overlapping bookings of one interviewer at once: until the last answer, and how many won. */
  contention: { ms: number; booked: number; refused: number };
}

const HOUR = 3_600_000;

/** One open requisition and one application, made through the services: every booking is for it. */
const benchApplication = async (actor: Principal) => {
  const { createRequisition, transitionRequisition } = await import(
    '@assist-ten/core/requisitions/requisition.service'
  );
  const { createCandidate } = await import('@assist-ten/core/candidates/candidate.service');
  const { createApplication } = await import('@assist-ten/core/applications/application.service');
  const requisition = await createRequisition(actor, {
    title: 'Bench interviews',
    description: 'Interview bench.',
    department: 'Engineering',
    location: 'Lisbon',
    remotePolicy: 'remote',
    employmentType: 'full_time',
    experienceLevel: 'mid',
    positionsAvailable: 1,
  });
  await transitionRequisition(actor, requisition.id, 'publish', {});
  const candidate = await createCandidate(actor, {
    fullName: 'Bench Candidate',
    email: `bench-${Date.now().toString(36)}@example.test`,
  });
  const application = await createApplication(actor, { candidateId: candidate.id, requisitionId: requisition.id });
  return { candidateId: candidate.id, applicationId: application.id, requisitionId: requisition.id };
};

const whole = (at: number): string => new Date(Math.floor(at / 60_000) * 60_000).toISOString();

export const measureInterviews = async (
  baseUrl: string,
  actor: Principal,
  recruiterToken: string,
  interviewer: { userId: string; token: string },
  { bookings = 100, reads = 200 } = {},
): Promise<InterviewTimings> => {
  const call = benchCaller(baseUrl);
  const application = await benchApplication(actor);
  const first = Date.now() + 24 * HOUR;
  const body = (at: number) => ({
    ...application,
    interviewerId: interviewer.userId,
    interviewType: 'technical',
    interviewMode: 'video',
    scheduledAt: whole(at),
    durationMinutes: 60,
    timeZone: 'Europe/Lisbon',
    meetingLink: 'https://meet.example.test/bench',
  });

  // A booking every 90 minutes: an interviewer's next weeks, with no overlap.
  const scheduling: number[] = [];
  for (let index = 0; index < bookings; index++) {
    scheduling.push(
      (await call('POST', '/api/v1/interviewer/interviews', recruiterToken, body(first + index * 1.5 * HOUR))).ms,
    );
  }

  const upcoming: number[] = [];
  for (let read = 0; read < reads; read++) {
    upcoming.push((await call('GET', '/api/v1/interviewer/interviews?limit=25', interviewer.token)).ms);
  }

  // Every one of them overlaps the others, after the booked ones: exactly one may win.
  const contended = first + bookings * 1.5 * HOUR + 24 * HOUR;
  const started = performance.now();
  const answers = await Promise.all(
    Array.from({ length: 20 }, (_, index) =>
      fetch(`${baseUrl}/api/v1/interviewer/interviews`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${recruiterToken}` },
        body: JSON.stringify(body(contended + index * 60_000)),
      }).then((response) => response.status),
    ),
  );
  const ms = performance.now() - started;
  return {
    scheduling: summarise(scheduling),
    bookings,
    upcoming: summarise(upcoming),
    contention: {
      ms,
      booked: answers.filter((status) => status === 201).length,
      refused: answers.filter((status) => status === 409).length,
    },
  };
};
