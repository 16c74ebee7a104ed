import { generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { routes } from '../../../functions/routes.ts';
import { type Invoke, type LocalGateway, startGateway } from '../../../infra/local/gateway.ts';
import { createLocalIssuer, type LocalIssuer } from '../../../infra/local/issuer.ts';
import { findLocalUser } from '../../../infra/local/seed-data.ts';

const invoke = vi.fn<Invoke>(async () => ({ statusCode: 200, body: '{}' }));
let gateway: LocalGateway;
let issuer: LocalIssuer;

beforeAll(async () => {
  issuer = await createLocalIssuer(inject('cognito'));
  gateway = await startGateway({ routes, issuer, invoke, allowedOrigins: [] });
});
afterAll(() => gateway.close());

const recruiter = () => {
  const user = findLocalUser('recruiter@demo.test');
  if (!user) throw new Error('seed user missing');
  return user;
};

const validClaims = () => ({
  sub: '8c21fa46-6605-43fa-bea2-489580d7c49f',
  email: recruiter().email,
  'cognito:groups': ['recruiter'],
  'custom:tenantId': recruiter().tenantId,
  'custom:userId': recruiter().userId,
  token_use: 'id',
  iss: issuer.issuer,
  aud: issuer.audience,
  iat: Math.floor(Date.now() / 1000),
  exp: Math.floor(Date.now() / 1000) + 600,
});

const signIn = async (): Promise<string> => {
  const token = await issuer.login(recruiter().email);
  if (!token) throw new Error('the seeded recruiter cannot sign in');
  return token;
};

/** Rewrites a signed token's payload without re-signing it, as an attacker would. */
const tamper = (token: string, change: Record<string, unknown>): string => {
  const [header, payload, signature] = token.split('.');
  const claims = { ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()), ...change };
  return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
};

const mutations: Record<string, () => Promise<string>> = {
  expired: () => issuer.signPayload({ ...validClaims(), exp: Math.floor(Date.now() / 1000) - 60 }),
  'wrong issuer': () => issuer.signPayload({ ...validClaims(), iss: 'https://evil.example/issuer' }),
  'wrong audience': () => issuer.signPayload({ ...validClaims(), aud: 'another-client' }),
  'bad signature': async () => {
    const { privateKey } = await generateKeyPair('RS256');
    return new SignJWT(validClaims()).setProtectedHeader({ alg: 'RS256', kid: 'CognitoLocal' }).sign(privateKey);
  },
  'alg none': async () => new UnsecuredJWT(validClaims()).encode(),
  'tampered groups': async () => tamper(await signIn(), { 'cognito:groups': ['admin', 'superadmin'] }),
  'tampered tenant': async () => tamper(await signIn(), { 'custom:tenantId': 'tnt_acme' }),
  'tampered user': async () => tamper(await signIn(), { 'custom:userId': 'usr_01JDEM00000000000000000013' }),
  'an access token': () => issuer.signPayload({ ...validClaims(), token_use: 'access' }),
  'not a JWT': async () => 'definitely-not-a-token',
};

const staffRoutes = routes.filter((route) => route.auth.type === 'staff');

describe('the JWT authorizer of the local gateway', () => {
  it('lets a valid token through to the function', async () => {
    const token = await issuer.signPayload(validClaims());

    const response = await fetch(`${gateway.url}/api/v1/recruiter/requisitions`, {
      headers: { authorization: `Bearer ${token}` },
    });

    expect(response.status).toBe(200);
    const [context, event] = invoke.mock.lastCall ?? [];
    expect(context).toBe('requisitions');
    expect(event?.requestContext.authorizer.jwt.claims['cognito:groups']).toBe('[recruiter]');
    invoke.mockClear();
  });

  describe.each(Object.entries(mutations))('with a token that is %s', (_, makeToken) => {
    it.each(staffRoutes.map((route) => [route.routeKey, route] as const))(
      'refuses %s with 401 before the function runs',
      async (_, route) => {
        const token = await makeToken();

        const response = await fetch(`${gateway.url}${route.path.replace('{id}', 'req_01JDEM0000000000000000000A')}`, {
          method: route.method,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          ...(route.method === 'GET' ? {} : { body: '{}' }),
        });

        expect(response.status).toBe(401);
        expect(invoke).not.toHaveBeenCalled();
      },
    );
  });
});
