import { readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  addressOf,
  createEmailSenderFromEnv,
  emailFromEnv,
  emailSenderFromEnv,
  LOCAL_EMAIL_FROM,
} from '@assist-ten/core/notifications/email/sender';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const mockSes = () => mockClient(SESv2Client);

const message = { to: 'rita@demo.test', subject: 'Hello', text: 'Hi', html: '<p>Hi</p>' };

describe('createEmailSenderFromEnv', () => {
  let ses: ReturnType<typeof mockSes>;
  let outbox: string;

  beforeEach(() => {
    ses = mockSes();
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-message-1' });
    outbox = join(tmpdir(), `assist-ten-outbox-env-${process.pid}-${Date.now()}`);
  });
  afterEach(async () => {
    ses.restore();
    vi.unstubAllEnvs();
    await rm(outbox, { recursive: true, force: true });
  });

  it('writes to the local outbox when EMAIL_OUTBOX_DIR is set, and sends nothing through SES', async () => {
    vi.stubEnv('EMAIL_OUTBOX_DIR', outbox);
    vi.stubEnv('EMAIL_FROM', '');

    const sent = await createEmailSenderFromEnv().send(message);

    expect(sent.location?.startsWith(outbox)).toBe(true);
    expect(await readdir(outbox)).toHaveLength(1);
    expect(ses.calls()).toHaveLength(0);
  });

  it('sends through SES from EMAIL_FROM when there is no outbox', async () => {
    vi.stubEnv('EMAIL_OUTBOX_DIR', '');
    vi.stubEnv('EMAIL_FROM', 'no-reply@mail.assist-ten.com');

    const sent = await createEmailSenderFromEnv().send(message);

    expect(sent).toEqual({ messageId: 'ses-message-1' });
    expect(ses.commandCalls(SendEmailCommand)[0]?.args[0].input.FromEmailAddress).toBe('no-reply@mail.assist-ten.com');
  });

  it('fails with the variable name when SES would have no sender', () => {
    vi.stubEnv('EMAIL_OUTBOX_DIR', '');
    vi.stubEnv('EMAIL_FROM', '');

    expect(() => createEmailSenderFromEnv()).toThrow('EMAIL_FROM');
  });
});

describe('emailSenderFromEnv', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('creates the sender once and then keeps it', () => {
    vi.stubEnv('EMAIL_OUTBOX_DIR', '');
    vi.stubEnv('EMAIL_FROM', 'no-reply@mail.assist-ten.com');

    const first = emailSenderFromEnv();
    const second = emailSenderFromEnv();

    expect(second).toBe(first);
  });
});

describe('emailFromEnv', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('is EMAIL_FROM when set', () => {
    vi.stubEnv('EMAIL_OUTBOX_DIR', '');
    vi.stubEnv('EMAIL_FROM', 'Assist-Ten <no-reply@mail.assist-ten.com>');

    expect(emailFromEnv()).toBe('Assist-Ten <no-reply@mail.assist-ten.com>');
  });

  it('is the local sender when emails only go to the outbox', () => {
    vi.stubEnv('EMAIL_OUTBOX_DIR', '/tmp/outbox');
    vi.stubEnv('EMAIL_FROM', '');

    expect(emailFromEnv()).toBe(LOCAL_EMAIL_FROM);
  });

  it('fails with the variable name when SES would have no sender', () => {
    vi.stubEnv('EMAIL_OUTBOX_DIR', '');
    vi.stubEnv('EMAIL_FROM', '');

    expect(() => emailFromEnv()).toThrow('EMAIL_FROM');
  });
});

describe('addressOf', () => {
  it.each([
    ['Assist-Ten <no-reply@assist-ten.local>', 'no-reply@assist-ten.local'],
    ['"Assist Ten, Inc." <no-reply@mail.assist-ten.com> ', 'no-reply@mail.assist-ten.com'],
    [' no-reply@mail.assist-ten.com', 'no-reply@mail.assist-ten.com'],
  ])('reads the address of %j', (from, address) => {
    expect(addressOf(from)).toBe(address);
  });
});
