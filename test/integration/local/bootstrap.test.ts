import { describe, expect, inject, it } from 'vitest';
import { createLocalIssuer } from '../../../infra/local/issuer.ts';
import { bootstrapPlatform } from '../../../infra/tools/bootstrap.ts';
import { call } from '../../support/api.ts';
import { unique } from '../../support/users.ts';

describe('bootstrapping a stage', () => {
  it('creates a platform tenant whose superadmin can sign in and create tenants, once', async () => {
    // Arrange
    const slug = unique('platform');
    const email = `${slug}@ops.test`;

    // Act
    const first = await bootstrapPlatform({ email, name: 'Ops Person', slug });
    const second = await bootstrapPlatform({ email: `other-${email}`, name: 'Someone Else', slug });

    // Assert
    expect(first).toMatchObject({ created: true, email, slug });
    expect(second).toEqual({ created: false, slug });
    const token = await (await createLocalIssuer(inject('cognito'))).login(email);
    if (!token) throw new Error('the bootstrapped superadmin cannot sign in');
    const me = await call('GET', '/api/v1/me', { token });
    expect(me.body).toMatchObject({ email, roles: ['superadmin'], tenant: { slug } });
    const tenants = await call('GET', '/api/v1/superadmin/tenants?limit=1', { token });
    expect(tenants.status).toBe(200);
  });

  it('refuses to run without an email and a name', async () => {
    // Act
    const error = await bootstrapPlatform({ email: '', name: '', slug: 'platform' }).catch((caught: unknown) => caught);

    // Assert
    expect((error as Error).message).toMatch(/--email and --name: email, name/);
  });
});
