import { interviewCalendar } from '@assist-ten/core/interviews/calendar-ics';
import { PermanentEmailError, RetryableEmailError } from '@assist-ten/core/notifications/email/errors';
import type { EmailMessage } from '@assist-ten/core/notifications/email/sender';
import {
  createSesClient,
  isTransientSesError,
  SES_RETRY_POLICY,
  sesEmailSender,
} from '@assist-ten/core/notifications/email/ses-sender';
import {
  AccountSuspendedException,
  BadRequestException,
  InternalServiceErrorException,
  LimitExceededException,
  MailFromDomainNotVerifiedException,
  MessageRejected,
  SESv2Client,
  SendEmailCommand,
  SendingPausedException,
  TooManyRequestsException,
} from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { interviewCalendar as aPayload } from '../../events/samples.ts';
import { calendarPartOf, textPartOf } from '../support/calendar-reader.ts';

const mockSes = () => mockClient(SESv2Client);

const FROM = 'Assist-Ten <no-reply@mail.assist-ten.com>';
const metadata = { $metadata: {} };
const throttled = () => new TooManyRequestsException({ message: 'Too many requests', ...metadata });
const rejected = () => new MessageRejected({ message: 'Email address is not verified.', ...metadata });

const aMessage = (overrides: Partial<EmailMessage> = {}): EmailMessage => ({
  to: 'rita@demo.test',
  subject: '[High priority] Interview scheduled with Zoë · Demo Corp',
  text: 'Hi Rita,\n\nPlain body',
  html: '<p>Hi Rita,</p><p>HTML body</p>',
  ...overrides,
});

/** How long the sender asked to wait before each retry; nothing really waits. */
const sleeps: number[] = [];
const sleep = async (ms: number) => {
  sleeps.push(ms);
};

describe('sesEmailSender', () => {
  let ses: ReturnType<typeof mockSes>;
  const sender = () => sesEmailSender(new SESv2Client({}), { from: FROM, retry: { sleep } });

  beforeEach(() => {
    ses = mockSes();
    sleeps.length = 0;
  });
  afterEach(() => ses.restore());

  it('sends one simple email from EMAIL_FROM with the subject and both bodies in UTF-8', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-message-1' });

    const sent = await sender().send(aMessage({ tags: { eventType: 'interview.scheduled', tenantId: 'tnt_demo' } }));

    expect(sent).toEqual({ messageId: 'ses-message-1' });
    expect(ses.commandCalls(SendEmailCommand).map((call) => call.args[0].input)).toEqual([
      {
        FromEmailAddress: FROM,
        Destination: { ToAddresses: ['rita@demo.test'] },
        Content: {
          Simple: {
            Subject: { Data: '[High priority] Interview scheduled with Zoë · Demo Corp', Charset: 'UTF-8' },
            Body: {
              Text: { Data: 'Hi Rita,\n\nPlain body', Charset: 'UTF-8' },
              Html: { Data: '<p>Hi Rita,</p><p>HTML body</p>', Charset: 'UTF-8' },
            },
          },
        },
        EmailTags: [
          { Name: 'eventType', Value: 'interview_scheduled' },
          { Name: 'tenantId', Value: 'tnt_demo' },
        ],
      },
    ]);
  });

  it('sends an email with a calendar Raw: the MIME from EMAIL_FROM with the text/calendar part and invite.ics', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-message-1' });
    const ics = interviewCalendar({
      message: 'invite',
      interview: aPayload(),
      organizer: { name: 'Rita', email: 'no-reply@mail.assist-ten.com' },
      attendees: [{ name: 'Zoë', email: 'rita@demo.test', role: 'candidate' }],
      stamp: '2026-11-24T10:00:00.000Z',
    });

    const sent = await sender().send(aMessage({ calendar: ics, tags: { eventType: 'interview_scheduled' } }));

    expect(sent).toEqual({ messageId: 'ses-message-1' });
    const input = ses.commandCalls(SendEmailCommand)[0]?.args[0].input;
    expect(input?.FromEmailAddress).toBe(FROM);
    expect(input?.Destination).toEqual({ ToAddresses: ['rita@demo.test'] });
    expect(input?.Content?.Simple).toBeUndefined();
    expect(input?.EmailTags).toEqual([{ Name: 'eventType', Value: 'interview_scheduled' }]);
    const raw = Buffer.from(input?.Content?.Raw?.Data ?? new Uint8Array()).toString('utf8');
    expect(raw).toMatch(/^From: "Assist-Ten" <no-reply@mail\.assist-ten\.com>\r$/m);
    expect(raw).toMatch(/^To: rita@demo\.test\r$/m);
    expect(raw).toMatch(/^Content-Type: text\/calendar; charset=utf-8; method=REQUEST\r$/m);
    expect(raw).toMatch(/^METHOD:REQUEST\r$/m);
    expect(raw).toContain('filename=invite.ics');
    expect(calendarPartOf(raw)?.ics).toBe(ics.ics);
    expect(textPartOf(raw)).toBe('Hi Rita,\n\nPlain body');
  });

  it('sends no tags when the message has none', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-message-1' });

    await sender().send(aMessage());

    expect(ses.commandCalls(SendEmailCommand)[0]?.args[0].input.EmailTags).toBeUndefined();
  });

  it('retries throttling with growing, bounded waits and sends the email once', async () => {
    ses.on(SendEmailCommand).rejectsOnce(throttled()).rejectsOnce(throttled()).resolves({ MessageId: 'ses-message-3' });

    const sent = await sesEmailSender(new SESv2Client({}), {
      from: FROM,
      retry: { sleep, random: () => 0.999 },
    }).send(aMessage());

    expect(sent).toEqual({ messageId: 'ses-message-3' });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(3);
    expect(sleeps).toEqual([199, 399]);
  });

  it.each([
    [
      'LimitExceededException',
      () => new LimitExceededException({ message: 'Maximum sending rate exceeded', ...metadata }),
    ],
    ['InternalServiceErrorException', () => new InternalServiceErrorException({ message: 'boom', ...metadata })],
    ['a 503', () => Object.assign(new Error('Service Unavailable'), { $metadata: { httpStatusCode: 503 } })],
    ['a reset connection', () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
  ])('retries %s', async (_, failure) => {
    ses.on(SendEmailCommand).rejectsOnce(failure()).resolves({ MessageId: 'ses-message-2' });

    const sent = await sender().send(aMessage());

    expect(sent.messageId).toBe('ses-message-2');
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(2);
  });

  it('gives up after the bounded attempts with a retryable error', async () => {
    const lastThrottle = throttled();
    ses.on(SendEmailCommand).rejects(lastThrottle);

    const error = await sender()
      .send(aMessage())
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(RetryableEmailError);
    expect(error).toMatchObject({ code: 'email_retries_exhausted', retryable: true, attempts: 4, cause: lastThrottle });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(SES_RETRY_POLICY.maxAttempts);
    expect(sleeps).toHaveLength(SES_RETRY_POLICY.maxAttempts - 1);
    for (const ms of sleeps) expect(ms).toBeLessThanOrEqual(SES_RETRY_POLICY.maxDelayMs);
  });

  it('throws a permanent error at once when SES rejects the message', async () => {
    const rejection = rejected();
    ses.on(SendEmailCommand).rejects(rejection);

    const error = await sender()
      .send(aMessage())
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PermanentEmailError);
    expect(error).toMatchObject({ code: 'message_rejected', retryable: false, cause: rejection });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it.each([
    ['account_suspended', () => new AccountSuspendedException({ message: 'suspended', ...metadata })],
    ['sending_paused', () => new SendingPausedException({ message: 'paused', ...metadata })],
    [
      'mail_from_domain_not_verified',
      () => new MailFromDomainNotVerifiedException({ message: 'not verified', ...metadata }),
    ],
    ['bad_request', () => new BadRequestException({ message: 'bad', ...metadata })],
  ])('treats %s as permanent', async (code, failure) => {
    ses.on(SendEmailCommand).rejects(failure());

    const error = await sender()
      .send(aMessage())
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PermanentEmailError);
    expect(error).toMatchObject({ code });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1);
  });

  it('passes on an unexpected error without retrying it, keeping its cause', async () => {
    const denied = Object.assign(new Error('not authorized to perform ses:SendEmail'), {
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 403 },
    });
    ses.on(SendEmailCommand).rejects(denied);

    const error = await sender()
      .send(aMessage())
      .catch((caught: unknown) => caught);

    expect(error).not.toBeInstanceOf(PermanentEmailError);
    expect(error).not.toBeInstanceOf(RetryableEmailError);
    expect(error).toMatchObject({ message: 'SES SendEmail failed', cause: denied });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1);
  });
});

describe('isTransientSesError', () => {
  it('never calls a permanent rejection transient, even with a 5xx status', () => {
    const odd = Object.assign(rejected(), { $metadata: { httpStatusCode: 500 } });

    expect(isTransientSesError(odd)).toBe(false);
  });

  it.each([undefined, null, 'TooManyRequestsException', 42])('is false for the non-error %j', (value) => {
    expect(isTransientSesError(value)).toBe(false);
  });
});

describe('createSesClient', () => {
  it('makes one attempt per SDK call, since the sender does the retrying', async () => {
    const client = createSesClient({ region: 'eu-west-1' });

    expect(await client.config.maxAttempts()).toBe(1);
  });
});

describe('SES_RETRY_POLICY', () => {
  it('stays within a few seconds of waiting in the worst case', () => {
    const worst = Array.from({ length: SES_RETRY_POLICY.maxAttempts - 1 }, (_, index) =>
      Math.min(SES_RETRY_POLICY.maxDelayMs, SES_RETRY_POLICY.baseDelayMs * 2 ** index),
    ).reduce((sum, ms) => sum + ms, 0);

    expect(worst).toBeLessThanOrEqual(5_000);
  });
});
