import { describe, expect, it } from 'vitest';
import { call } from '../../support/api.ts';
import { createTenant, userBody } from '../../support/fixtures/identity.ts';

const signIn = async (email: string): Promise<string> => {
  const response = await call<{ token: string }>('POST', '/_local/login', { body: { email } });
  if (response.status !== 200) throw new Error(`login ${email} -> ${response.status}`);
  return response.body.token;
};

describe('a new user starts from the tenant settings', () => {
  it("takes the tenant's time zone and notification defaults unless the invitation says otherwise", async () => {
    // Arrange
    const tenant = await createTenant();
    const token = await signIn(tenant.firstAdmin.email);
    const { body: settings } = await call('GET', '/api/v1/admin/settings', { token });
    const { version: _, createdAt: __, updatedAt: ___, createdBy: ____, updatedBy: _____, ...document } = settings;
    const saved = await call('PUT', '/api/v1/admin/settings', {
      token,
      body: {
        ...document,
        timezone: 'Europe/Lisbon',
        notificationDefaults: { ...document.notificationDefaults, application: { inApp: false, email: true } },
      },
    });
    expect(saved.status).toBe(200);

    // Act
    const plain = await call('POST', '/api/v1/admin/users', { token, body: userBody() });
    const berlin = await call('POST', '/api/v1/admin/users', {
      token,
      body: { ...userBody(), timezone: 'Europe/Berlin' },
    });

    // Assert
    expect(plain.status).toBe(201);
    expect(plain.body.timezone).toBe('Europe/Lisbon');
    expect(plain.body.notificationPreferences.application).toEqual({ inApp: false, email: true });
    expect(berlin.body.timezone).toBe('Europe/Berlin');
  });
});
