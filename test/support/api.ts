import { inject } from 'vitest';

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** Sent as is, instead of `body` as JSON. */
  rawBody?: string;
  headers?: Record<string, string>;
}

/** Calls the local cloud's API over HTTP, as the frontend does. */
// biome-ignore lint/suspicious/noExplicitAny: tests assert response bodies field by field
export const call = async <T = any>(
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<ApiResponse<T>> => {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${inject('apiUrl')}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body } : {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as T };
};

const tokens = new Map<string, Promise<string>>();

/** A token for a seeded user, from the local issuer, as the frontend gets one. */
export const tokenFor = (email: string): Promise<string> => {
  let token = tokens.get(email);
  if (!token) {
    token = call<{ token: string }>('POST', '/_local/login', { body: { email } }).then((response) => {
      if (response.status !== 200) throw new Error(`login ${email} -> ${response.status}`);
      return response.body.token;
    });
    tokens.set(email, token);
  }
  return token;
};
