import { LOCAL_HOST } from '../ports.ts';

/** Region and credentials of every client that talks to the emulators (and of the functions, via env). */
export const LOCAL_REGION = 'us-east-1';
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

export const localClientConfig = (endpoint: string) => ({
  endpoint,
  region: LOCAL_REGION,
  credentials: LOCAL_CREDENTIALS,
});

export const endpointUrl = (port: number): string => `http://${LOCAL_HOST}:${port}`;
