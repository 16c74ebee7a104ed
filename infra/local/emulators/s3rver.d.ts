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

  /** What s3rver emits as `event` after a write, in S3 notification format. */
  interface S3rverEvent {
    Records: {
      eventName: string;
      eventTime: string;
      requestParameters?: { sourceIPAddress?: string };
      s3: { bucket: { name: string }; object: { key: string; size?: number; eTag?: string; sequencer?: string } };
    }[];
  }

  class S3rver {
    constructor(options?: S3rverOptions);
    on(event: 'event', listener: (event: S3rverEvent) => void): this;
    httpServer?: Server;
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
  }

  namespace S3rver {
    export type { S3rverEvent };
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
