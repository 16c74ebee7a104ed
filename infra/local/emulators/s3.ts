import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import AWSAccount from 's3rver/lib/models/account.js';
import { LOCAL_HOST } from '../ports.ts';
import { endpointUrl, LOCAL_CREDENTIALS } from './aws.ts';
import { onProcessExit } from './process-guard.ts';
import { postPolicyMiddleware, useFirst } from './s3-post-policy.ts';
import { useListVersions } from './s3-versions.ts';

/**
 * s3rver, in this process. It stores objects as files, so "in memory" means a temporary
 * directory removed on stop (or on exit). It has no lock files of its own.
 *
 * Addressing: path style only (`http://127.0.0.1:<port>/<bucket>/<key>`). The SDK v3 picks
 * path style by itself when the endpoint is an IP address, but our S3 client code must still
 * set `forcePathStyle` in local mode (AWS_S3_FORCE_PATH_STYLE) to not depend on that.
 *
 * Browser POST uploads are checked against their policy and signature as S3 does
 * (s3-post-policy.ts); s3rver alone would store any of them.
 */

/** An object written to the emulator, as S3 would announce it. */
export interface CreatedObject {
  bucket: string;
  key: string;
  size: number;
  etag: string;
  /** PutObject, PostObject or CopyObject, as in EventBridge's `detail.reason`. */
  reason: string;
  sourceIp: string;
  time: string;
}

export interface S3Local {
  endpoint: string;
  port: number;
  /** Calls `listener` for each object created, as S3's ObjectCreated notifications would. */
  onObjectCreated(listener: (object: CreatedObject) => void): void;
  stop(): Promise<void>;
}

/** Any localhost origin (any port, http or https) may upload with a presigned POST/PUT and download. */
const LOCALHOST_CORS = `<CORSConfiguration>
  <CORSRule>
    ${[
      'http://localhost',
      'http://localhost:*',
      'http://127.0.0.1',
      'http://127.0.0.1:*',
      'https://localhost',
      'https://localhost:*',
    ]
      .map((origin) => `<AllowedOrigin>${origin}</AllowedOrigin>`)
      .join('')}
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedMethod>POST</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

export const startS3Local = async ({
  port,
  directory,
  bucketName,
}: {
  /** 0 lets the OS choose. */
  port: number;
  /** Where objects are kept; a temporary directory when absent. */
  directory?: string;
  bucketName: string;
}): Promise<S3Local> => {
  // s3rver only knows the key pair S3RVER/S3RVER; ours (see aws.ts) must sign requests too.
  AWSAccount.DUMMY_ACCOUNT.createKeyPair(LOCAL_CREDENTIALS.accessKeyId, LOCAL_CREDENTIALS.secretAccessKey);
  const temporary = directory ? undefined : await mkdtemp(join(tmpdir(), 'assist-ten-s3-'));
  const removeTemporary = temporary ? () => rmSync(temporary, { recursive: true, force: true }) : () => {};
  const forgetTemporary = onProcessExit(removeTemporary);
  const cleanUp = () => {
    forgetTemporary();
    removeTemporary();
  };

  const server = new S3rver({
    port,
    address: LOCAL_HOST,
    silent: true,
    directory: directory ?? temporary,
    configureBuckets: [{ name: bucketName, configs: [LOCALHOST_CORS] }],
  });
  // Koa composes its chain when the server starts listening, so this must precede run().
  useListVersions(server);
  useFirst(
    server,
    postPolicyMiddleware({
      secretFor: (accessKeyId) =>
        accessKeyId === LOCAL_CREDENTIALS.accessKeyId ? LOCAL_CREDENTIALS.secretAccessKey : undefined,
    }),
  );
  let address: AddressInfo;
  try {
    address = await server.run();
  } catch (error) {
    cleanUp();
    throw new Error(`Could not start the S3 emulator (s3rver): ${(error as Error).message}`, { cause: error });
  }

  let stopping: Promise<void> | undefined;
  return {
    endpoint: endpointUrl(address.port),
    port: address.port,
    onObjectCreated: (listener) =>
      server.on('event', (event) => {
        for (const record of event.Records) {
          const created = /^ObjectCreated:(\w+)$/.exec(record.eventName)?.[1];
          if (!created) continue;
          listener({
            bucket: record.s3.bucket.name,
            key: decodeURIComponent(record.s3.object.key.replace(/\+/g, ' ')),
            size: record.s3.object.size ?? 0,
            etag: record.s3.object.eTag ?? '',
            reason: `${created}Object`,
            sourceIp: record.requestParameters?.sourceIPAddress ?? '127.0.0.1',
            time: record.eventTime,
          });
        }
      }),
    stop: () => {
      stopping ??= (async () => {
        const closed = server.close();
        server.httpServer?.closeAllConnections();
        await closed;
        cleanUp();
      })();
      return stopping;
    },
  };
};
