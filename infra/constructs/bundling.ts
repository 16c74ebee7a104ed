/**
 * How every Lambda is bundled: one definition used by the CDK house function and by the
 * benchmark, so the bundle measured is the bundle deployed.
 */

/** Lets CommonJS dependencies call `require` inside our ESM bundles. */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __houseCreateRequire } from 'node:module'; const require = __houseCreateRequire(import.meta.url);";

/**
 * Credential providers the SDK loads with a lazy `import()` only when no credentials are in
 * the environment. Lambda always puts them there, so these are never reached; left out of
 * the bundle (the runtime's own SDK would serve them if they ever were) they save ~90 KB.
 * Not `@aws-sdk/token-providers`: the Bedrock client imports it at load (bearer-token auth).
 */
export const NEVER_LOADED_IN_LAMBDA = [
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-web-identity',
  '@aws-sdk/credential-provider-http',
  '@aws-sdk/credential-provider-login',
  '@aws-sdk/nested-clients',
  '@smithy/credential-provider-imds',
];

/** esbuild options (in esbuild's own names) shared by CDK and the benchmark. */
export const LAMBDA_ESBUILD_OPTIONS = {
  format: 'esm',
  platform: 'node',
  target: 'node24',
  mainFields: ['module', 'main'],
  minify: true,
  banner: { js: ESM_REQUIRE_BANNER },
  external: NEVER_LOADED_IN_LAMBDA,
} as const;
