import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startLocalCloud } from './cloud.ts';
import { LOCAL_USERS } from './seed-data.ts';

/** `npm start [-- --persist DIR] [-- --port N]`: the backend on this machine until Ctrl-C. */
const { values } = parseArgs({
  options: {
    persist: { type: 'string' },
    port: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});

const port = Number(values.port ?? process.env.PORT ?? 3000);
const log = (line: string) => console.log(`[local] ${line}`);

const started = performance.now();
const cloud = await startLocalCloud({
  port,
  // Not port + 1: http://localhost:3001 is a frontend origin the API allows by default.
  websocketPort: port + 10,
  ...(values.persist ? { persistDir: values.persist } : {}),
  emailOutboxDir: join(values.persist ?? '.local', 'outbox'),
  ...(values.quiet ? {} : { log }),
}).catch((error: unknown) => {
  console.error(`Could not start the local cloud: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  log(`${signal}: stopping`);
  await cloud.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

const api = `http://localhost:${port}`;
const token = (await cloud.issuer.login('recruiter@demo.test')) ?? '';
console.log(`
Assist-Ten local cloud is ready in ${((performance.now() - started) / 1000).toFixed(1)} s
  API          ${api}
  WebSocket    ${cloud.websocketUrl}?token=<ID token>  (notifications)
  DynamoDB     ${cloud.emulators.endpoints.dynamodb}  (table ${cloud.emulators.tableName})
  S3           ${cloud.emulators.endpoints.s3}  (bucket ${cloud.emulators.bucketName})
  SQS          ${cloud.emulators.endpoints.sqs}
  Cognito      ${cloud.emulators.endpoints.cognito}  (user pool ${cloud.emulators.cognito.userPoolId})
  Emails       ${cloud.emailOutboxDir}  (one .eml file per email)
  Data         ${values.persist ? `kept in ${values.persist}` : 'in memory (use --persist DIR to keep it)'}

Users: ${LOCAL_USERS.map((user) => user.email).join(', ')}

Try it:
  curl ${api}/api/v1/health
  TOKEN=$(curl -s -X POST ${api}/_local/login -H 'content-type: application/json' \\
    -d '{"email":"recruiter@demo.test"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).token')
  curl -H "authorization: Bearer $TOKEN" ${api}/api/v1/recruiter/requisitions

A token for recruiter@demo.test (valid 1 hour):
  ${token}

Ctrl-C stops everything.
`);
