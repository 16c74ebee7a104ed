import { NOTIFICATION_TYPES } from '@assist-ten/core/identity/user.model';
import type { RouteDefinition } from '@assist-ten/lambda-kit/http/route';
import * as fc from 'fast-check';
import { beforeAll, describe, inject, it } from 'vitest';
import { routes } from '../../functions/routes.ts';
import { tokenFor } from './api.ts';
import { flagBody } from './fixtures/feature-flags.ts';
import { inviteUser, tenantBody, userBody } from './fixtures/identity.ts';
import { incidentBody } from './fixtures/incidents.ts';
import { completeRequisition, HOME, resourceFactories, SUPERADMIN, validBodies } from './fixtures.ts';

/**
 * Generated from the route table: every creating POST and every PATCH gets each of its body
 * fields, one at a time, replaced by hostile JSON, plus unknown fields, whole-body junk and
 * bytes that are not JSON. Whatever arrives, the API answers with a problem document, never 5xx.
 * Rerun a failure with FUZZ_SEED=<seed>; hunt deeper with FUZZ_RUNS=<runs per target>.
 * CI runs fewer per target: the suite must finish in 10 minutes on two cores, and every
 * route added makes this test longer; a local `npm test` keeps the deeper default.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_240_611);
const RUNS = Number(process.env.FUZZ_RUNS ?? (process.env.CI ? 10 : 25));

type Route = RouteDefinition & { routeKey: string };
type Json = Record<string, unknown>;
type Path = readonly (string | number)[];

const TABLE: readonly Route[] = routes;

/** Their successes create sign-in accounts: fewer runs, so a fuzz run invites dozens of people, not thousands. */
const ACCOUNT_CREATING = new Set(['POST /api/v1/superadmin/tenants', 'POST /api/v1/admin/users']);
const runsOf = (route: Route): number => (ACCOUNT_CREATING.has(route.routeKey) ? Math.ceil(RUNS / 3) : RUNS);

const fuzzed = TABLE.filter(
  (route) =>
    route.request?.body !== undefined && ((route.method === 'POST' && route.idempotent) || route.method === 'PATCH'),
);

/**
 * The richest body each route accepts, so every optional field and nested object is a target.
 * Creating routes build a fresh one per request (unique slugs and emails); a route not listed
 * falls back to its valid body from the fixtures.
 */
const richBodies: Record<string, () => Json> = {
  'POST /api/v1/superadmin/tenants': () => {
    const body = tenantBody();
    return {
      ...body,
      contact: { ...body.contact, phone: '+49 30 1234567' },
      limits: { maxUsers: 40, maxActiveRequisitions: 20, maxAssessmentsPerMonth: 400 },
      region: 'eu-central-1',
    };
  },
  'PATCH /api/v1/superadmin/tenants/{id}': () => ({
    name: 'Fuzzed Tenant',
    plan: 'growth',
    limits: { maxUsers: 60, maxActiveRequisitions: 30, maxAssessmentsPerMonth: 600 },
    contact: { name: 'Pat Owner', email: 'owner@fuzz.test', phone: '+1 (555) 010-9999' },
    region: 'eu-west-1',
  }),
  'POST /api/v1/admin/users': () => ({
    ...userBody(['recruiter', 'interviewer']),
    timezone: 'Europe/Lisbon',
    locale: 'pt-PT',
  }),
  'PATCH /api/v1/admin/users/{id}': () => ({
    name: 'Fuzzed Person',
    roles: ['interviewer'],
    timezone: 'America/New_York',
    locale: 'en-US',
  }),
  'PATCH /api/v1/me': () => ({
    name: 'Fuzzed Me',
    timezone: 'Asia/Tokyo',
    locale: 'ja',
    notificationPreferences: Object.fromEntries(
      NOTIFICATION_TYPES.map((type) => [type, { inApp: true, email: false }]),
    ),
  }),
  'POST /api/v1/superadmin/feature-flags': () =>
    flagBody({ enabled: false, rolloutPercentage: 12.5, targetRoles: ['recruiter', 'admin'] }),
  'PATCH /api/v1/superadmin/feature-flags/{id}': () => ({
    description: 'Fuzzed flag',
    enabled: true,
    rolloutPercentage: 33.33,
    targetRoles: ['interviewer'],
  }),
  'POST /api/v1/superadmin/incidents': () => incidentBody({ startedAt: new Date(Date.now() - 60_000).toISOString() }),
  'PATCH /api/v1/superadmin/incidents/{id}': () => ({
    title: 'Fuzzed incident',
    description: 'Being fuzzed.',
    severity: 'sev3',
    affectedTenants: 'all',
    // No `status`: a second move to the same status is a 409 that would stop every run short of the service.
    update: 'Looking into it.',
  }),
  'POST /api/v1/recruiter/requisitions': () => ({
    ...structuredClone(completeRequisition),
    niceToHaveSkills: [{ skill: 'Rust', proficiency: 'intermediate' }],
  }),
  'PATCH /api/v1/recruiter/requisitions/{id}': () => ({
    ...structuredClone(completeRequisition),
    niceToHaveSkills: [{ skill: 'Go', proficiency: 'beginner' }],
    positionsFilled: 0,
  }),
};

const bodyFor = (route: Route): (() => Json) | undefined => {
  const rich = richBodies[route.routeKey];
  if (rich) return rich;
  const valid = validBodies[route.routeKey];
  return isObject(valid) ? () => structuredClone(valid) : undefined;
};

// ---------------------------------------------------------------------------------------
// Hostile values. Each prints short in fast-check's report, even when it is 300 KB long.

/** A JSON text written as is: numbers JSON.stringify cannot produce, escapes, deep nesting. */
class RawJson {
  constructor(readonly text: string) {}
  [fc.toStringMethod]() {
    return `raw(${this.text.length > 80 ? `${this.text.slice(0, 40)}…${this.text.length} chars` : this.text})`;
  }
}

/** `unit` repeated `times`: from just over a field's limit to over the API's body limit. */
class Repeated {
  constructor(
    readonly unit: string,
    readonly times: number,
  ) {}
  [fc.toStringMethod]() {
    return `${JSON.stringify(this.unit)}.repeat(${this.times})`;
  }
}

const RAW_TOKENS = [
  '1e400',
  '-1e400',
  '-0',
  '0e0',
  '1E-400',
  '5e-324',
  '1e308',
  '123456789012345678901234567890',
  '9007199254740993',
  '-9007199254740993',
  '1.00000000000000000000000001',
  '"\\ud800"',
  '"\\udfff\\ud800"',
  '"\\u0000"',
  '"a\\u0000b"',
  '"\\u202e\\u200b\\ufeff"',
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
  `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`,
  '{"__proto__":{"isAdmin":true,"roles":["superadmin"]}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"a":1,"a":2}',
].map((text) => new RawJson(text));

const NASTY_STRINGS = [
  '',
  ' ',
  '\t\n\r',
  'NaN',
  'Infinity',
  '-0',
  '1e308',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  '<script>alert(1)</script>',
  "' OR '1'='1",
  '$'.concat('{jndi:ldap://x}'),
  '../../etc/passwd',
  '%00',
  '\u0000',
  '😀'.repeat(100),
  'é'.repeat(201),
  'a'.repeat(201),
  'a'.repeat(1001),
  'a'.repeat(5001),
  'a'.repeat(20_001),
  'tnt_01JDEM00000000000000000002',
  'usr_01JDEM00000000000000000021',
  'req_00000000000000000000000000',
  'superadmin',
  'ADMIN',
  'admin@acme.test',
  'a@b',
  'Europe/Atlantis',
  'zz-ZZ-Latn-XX',
  '2024-02-30T25:61:61Z',
  '9999-12-31T23:59:59.999Z',
  '0000-01-01T00:00:00Z',
];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

const strings: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.oneof(fc.string({ maxLength: 1 }), loneSurrogate), maxLength: 8 }) },
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('x', 'é', '😀', ' ', '\u0000'), fc.integer({ min: 200, max: 300 * 1024 }))
      .map(([unit, times]) => new Repeated(unit, times)),
  },
);

const numbers: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(1e308, -1e308, 5e-324, -0, 0, -1, 0.5, 0.001, 2 ** 53 + 2, 100_000_001, 10_001, 33.333),
);

const leaves: fc.Arbitrary<unknown> = fc.oneof(strings, numbers, fc.boolean(), fc.constant(null));

/** Any JSON value, nested a little, with hostile leaves; `undefined` leaves the field out. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: leaves },
  { weight: 2, arbitrary: fc.constantFrom(...RAW_TOKENS) },
  {
    weight: 2,
    arbitrary: fc.anything({
      maxDepth: 2,
      maxKeys: 4,
      key: fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor')),
      values: [strings, numbers, fc.boolean(), fc.constant(null)],
    }),
  },
  { weight: 1, arbitrary: fc.array(leaves, { minLength: 19, maxLength: 120 }) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

/** Values one step from the valid one: more likely to pass validation and reach the service. */
const nearValid = (valid: unknown): fc.Arbitrary<unknown> => {
  if (typeof valid === 'string')
    return fc.constantFrom(
      valid.toUpperCase(),
      ` ${valid} `,
      `${valid}\u0000`,
      valid.repeat(60),
      `${valid}\u0301`,
      valid.slice(1),
      [valid],
    );
  if (typeof valid === 'number')
    return fc.constantFrom(valid + 0.5, -valid, valid * 1_000_000, String(valid), valid - 1, 0, [valid]);
  if (typeof valid === 'boolean') return fc.constantFrom(String(valid), Number(valid), [valid]);
  if (Array.isArray(valid))
    return fc.constantFrom(
      [],
      [...valid, ...valid],
      Array.from({ length: 60 }, () => valid[0]),
      valid[0],
    );
  if (isObject(valid)) return fc.constantFrom({}, [valid], { ...valid, extra: 1 });
  return fc.constant(null);
};

/**
 * Tried first on every field, whatever the seed: the edges of JSON numbers (5e-324 and 1e-200
 * lie below DynamoDB's smallest number, 1e-400 parses to 0 and 1e400 to Infinity), -0, a lone
 * surrogate and null.
 */
const EDGE_VALUES: [unknown][] = [[5e-324], [1e-200], [new RawJson('1e400')], [new RawJson('-0')], ['\ud800'], [null]];

const valueFor = (valid: unknown): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 4, arbitrary: anyValue }, { weight: 1, arbitrary: nearValid(valid) });

// ---------------------------------------------------------------------------------------
// Bodies

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON text of a value holding RawJson and Repeated parts. */
const serialize = (value: unknown): string | undefined => {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, part: unknown) => {
    if (part instanceof Repeated) return part.unit.repeat(part.times);
    if (part instanceof RawJson) return `\u0000raw${raws.push(part.text) - 1}\u0000`;
    return part;
  });
  return text?.replace(/"\\u0000raw(\d+)\\u0000"/g, (_match, index: string) => raws[Number(index)] ?? 'null');
};

const setAt = (body: Json, path: Path, value: unknown): Json => {
  let parent: Record<string | number, unknown> = body;
  for (const step of path.slice(0, -1)) {
    const next = parent[step];
    parent[step] = typeof next === 'object' && next !== null ? next : {};
    parent = parent[step] as Record<string | number, unknown>;
  }
  parent[path[path.length - 1] as string | number] = value;
  return body;
};

const getAt = (body: unknown, path: Path): unknown =>
  path.reduce<unknown>((part, step) => (part as Record<string | number, unknown> | undefined)?.[step], body);

interface ZodDef {
  type: string;
  innerType?: { _zod: { def: ZodDef } };
  shape?: Record<string, unknown>;
}

/** The fields a body schema declares (through optional/nullable), so a field no fixture sends is fuzzed too. */
const shapeOf = (schema: unknown): Record<string, unknown> => {
  let def = (schema as { _zod?: { def?: ZodDef } } | undefined)?._zod?.def;
  while (def?.innerType && ['optional', 'nullable', 'default'].includes(def.type)) def = def.innerType._zod.def;
  return def?.type === 'object' ? (def.shape ?? {}) : {};
};

/** Every top-level field, every field of a nested object, and the first item of a list (and its fields). */
const targetsOf = (route: Route, body: Json): Path[] => {
  const shape = shapeOf(route.request?.body);
  const paths: Path[] = [];
  for (const field of new Set([...Object.keys(shape), ...Object.keys(body)])) {
    paths.push([field]);
    const value = body[field];
    const nested = new Set([...Object.keys(shapeOf(shape[field])), ...(isObject(value) ? Object.keys(value) : [])]);
    for (const inner of nested) paths.push([field, inner]);
    if (Array.isArray(value) && value.length > 0) {
      paths.push([field, 0]);
      if (isObject(value[0])) for (const inner of Object.keys(value[0])) paths.push([field, 0, inner]);
    }
  }
  return paths;
};

// ---------------------------------------------------------------------------------------
// The property

interface Caller {
  path: string;
  token: string;
}

const excerpt = (text: string | undefined): string =>
  text === undefined ? '(none)' : text.length > 400 ? `${text.slice(0, 400)}… (${text.length} chars)` : text;

/** Sends `payload` as application/json and checks the answer is no 5xx and a well-formed problem when refused. */
const expectHandled = async (route: Route, caller: Caller, payload: string | Uint8Array | undefined) => {
  const response = await fetch(`${inject('apiUrl')}${caller.path}`, {
    method: route.method,
    headers: { authorization: `Bearer ${caller.token}`, 'content-type': 'application/json' },
    ...(payload === undefined ? {} : { body: payload }),
  });
  const text = await response.text();
  const { status } = response;
  const fail = (why: string): never => {
    const sent =
      typeof payload === 'string' || payload === undefined
        ? payload
        : `bytes ${Buffer.from(payload).toString('base64')}`;
    throw new Error(
      `${why}\n  ${route.method} ${caller.path}\n  body: ${excerpt(sent)}\n  -> ${status} ${excerpt(text)}`,
    );
  };
  if (status >= 500) fail(`answered ${status}`);
  if (status < 400) return;
  const contentType = response.headers.get('content-type')?.split(';')[0];
  if (contentType !== 'application/problem+json')
    fail(`a ${status} sent as ${contentType}, not application/problem+json`);
  let problem: { status?: unknown; code?: unknown; errors?: { field?: unknown }[] };
  try {
    problem = JSON.parse(text);
  } catch {
    return fail(`a ${status} whose body is not JSON`);
  }
  if (problem.status !== status) fail(`a ${status} whose problem says status ${String(problem.status)}`);
  // Text that is not JSON has no field to name; every other 400 says which field is wrong.
  if (status === 400 && problem.code !== 'malformed_request') {
    const named =
      Array.isArray(problem.errors) &&
      problem.errors.some((error) => typeof error.field === 'string' && error.field !== '');
    if (!named) fail('a 400 naming no field in `errors`');
  }
};

/** Who may call the route, and on which object: the first allowed role, on a fresh object of its own. */
const callerFor = async (route: Route): Promise<Caller> => {
  if (route.auth.type !== 'staff') throw new Error(`${route.routeKey} is public: fuzz it as a public route`);
  const role = route.auth.roles[0];
  if (!role) throw new Error(`${route.routeKey} allows no role`);
  let email = role === 'superadmin' ? SUPERADMIN : HOME[role];
  let path = route.path;
  if (path.includes('{id}')) {
    const factory = route.resource ? resourceFactories[route.resource] : undefined;
    if (!factory) throw new Error(`${route.routeKey} has {id} but no fixture factory for resource '${route.resource}'`);
    path = path.replace('{id}', await factory());
  } else if (route.method !== 'POST' && role !== 'superadmin') {
    // A PATCH without {id} changes the caller: fuzz a user of its own, so seeded users keep their profile.
    email = (await inviteUser(userBody([role]))).email;
  }
  return { path, token: await tokenFor(email) };
};

const label = (path: Path): string => path.map((step) => (typeof step === 'number' ? `[${step}]` : step)).join('.');

/**
 * The fuzz tests of one share of the fuzzed routes (every `parts`-th, from `part`): test files
 * run in parallel workers, so the routes are split over files rather than run in one.
 */
export const describeBodyFuzzing = (part: number, parts: number) =>
  describe.concurrent(`body fuzzing, part ${part + 1} of ${parts} (fast-check seed ${SEED})`, () => {
    const share = fuzzed.filter((_, index) => index % parts === part);
    describe.each(share.map((route) => [route.routeKey, route] as const))('%s', (_, route) => {
      const build = bodyFor(route);
      const sample = build?.() ?? {};
      const runs = runsOf(route);
      const settings = { seed: SEED, numRuns: runs };
      let caller: Caller;

      beforeAll(async () => {
        if (!build) throw new Error(`${route.routeKey} has a body schema but no rich or valid body to fuzz from`);
        caller = await callerFor(route);
      });

      it.each(targetsOf(route, sample).map((path) => [label(path), path] as const))(
        'survives any value in %s',
        async (_field, path) => {
          await fc.assert(
            fc.asyncProperty(valueFor(getAt(sample, path)), async (value) => {
              await expectHandled(route, caller, serialize(setAt((build as () => Json)(), path, value)));
            }),
            { ...settings, examples: EDGE_VALUES },
          );
        },
        60_000,
      );

      it('survives unknown fields beside a valid body', async () => {
        const known = new Set([...Object.keys(shapeOf(route.request?.body)), ...Object.keys(sample)]);
        const unknownKey = fc
          .oneof(
            fc.string({ minLength: 1, maxLength: 30 }),
            fc.constantFrom(
              '__proto__',
              'constructor',
              'prototype',
              'id',
              'tenantId',
              'version',
              'createdBy',
              'status',
              'isActive',
              'roles',
            ),
          )
          .filter((key) => !known.has(key));
        const extras = fc.uniqueArray(fc.tuple(unknownKey, anyValue), {
          minLength: 1,
          maxLength: 3,
          selector: ([key]) => key,
        });
        await fc.assert(
          fc.asyncProperty(extras, async (fields) => {
            // Written by hand: an object literal cannot hold an own `__proto__` key.
            const rest = (serialize((build as () => Json)()) ?? '{}').slice(1);
            const added = fields
              .map(([key, value]) => `${JSON.stringify(key)}:${serialize(value) ?? 'null'}`)
              .join(',');
            await expectHandled(route, caller, `{${added}${rest === '}' ? '' : ','}${rest}`);
          }),
          settings,
        );
      }, 60_000);

      it('survives any JSON value as the whole body', async () => {
        const whole = fc.oneof(anyValue, fc.jsonValue({ maxDepth: 3 }));
        await fc.assert(
          fc.asyncProperty(whole, async (value) => {
            await expectHandled(route, caller, serialize(value));
          }),
          settings,
        );
      }, 60_000);

      it('survives random bytes and broken JSON sent as application/json', async () => {
        const broken = fc.tuple(fc.nat(), fc.nat({ max: 8 }), fc.string({ unit: 'binary', maxLength: 3 }));
        const junk = fc.oneof(
          fc.uint8Array({ minLength: 1, maxLength: 4096 }),
          fc.string({ unit: 'binary', minLength: 1, maxLength: 200 }),
          broken.map(([at, cut, insert]) => {
            const text = serialize((build as () => Json)()) ?? '{}';
            const from = at % text.length;
            return `${text.slice(0, from)}${insert}${text.slice(from + cut)}`;
          }),
        );
        await fc.assert(
          fc.asyncProperty(junk, async (payload) => {
            await expectHandled(route, caller, payload);
          }),
          settings,
        );
      }, 60_000);
    });
  });
