import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withEndpointTable } from '../../../functions/endpoint-list.ts';
import { apiDocument } from '../../../functions/openapi.ts';

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

describe('generated documentation', () => {
  it('README lists exactly the endpoints of the route table (run `npm run openapi` if this fails)', () => {
    const readme = read('README.md');

    expect(withEndpointTable(readme)).toBe(readme);
  });

  it('docs/openapi.json is the document the API serves (run `npm run openapi` if this fails)', () => {
    expect(JSON.parse(read('docs/openapi.json'))).toEqual(JSON.parse(JSON.stringify(apiDocument())));
  });
});
