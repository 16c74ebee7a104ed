import { readFileSync, writeFileSync } from 'node:fs';
import { withEndpointTable } from '../../functions/endpoint-list.ts';
import { apiDocument } from '../../functions/openapi.ts';

/** `npm run openapi`: writes docs/openapi.json and the README's endpoint list from the route table. */
const root = new URL('../../', import.meta.url);
writeFileSync(new URL('docs/openapi.json', root), `${JSON.stringify(apiDocument(), null, 2)}\n`);
const readme = new URL('README.md', root);
writeFileSync(readme, withEndpointTable(readFileSync(readme, 'utf8')));
console.log('wrote docs/openapi.json and the endpoint list of README.md');
