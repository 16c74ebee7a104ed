// The parts of s3rver 3.x (untyped, CommonJS) that the local emulators use.
declare module 's3rver' {
  import type { Server } from 'node:http';
  import type { AddressInfo } from 'node:net';

  interface S3rverOptions {
    address?: string;
    port?: number;
    silent?: boolean;
    directory?: string;
    resetOnClose?: boolean;
    allowMismatchedSignatures?: boolean;
    vhostBuckets?: boolean;
    /** Buckets created on run(); configs are XML documents (CORSConfiguration, WebsiteConfiguration). */
    configureBuckets?: { name: string; configs?: (string | Buffer)[] }[];
  }

  class S3rver {
    constructor(options?: S3rverOptions);
    httpServer?: Server;
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
  }

  export = S3rver;
}

declare module 's3rver/lib/models/account.js' {
  class AWSAccount {
    /** The account s3rver authenticates every request against; only key S3RVER/S3RVER by default. */
    static DUMMY_ACCOUNT: AWSAccount;
    createKeyPair(accessKeyId: string, secretAccessKey: string): void;
  }

  export = AWSAccount;
}
