/**
 * The yardstick for the response cache: a bare `node:http` server that answers every request with
 * the same bytes (BODY_FILE, as the API's cache sent them), reading and dropping the request body
 * first as any server must. Run by bench/run.ts as a child process: BODY_FILE and PORT from the
 * environment, then one line `BARE_READY <url>`.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const file = process.env.BODY_FILE;
if (!file) throw new Error('BODY_FILE is required');
const body = readFileSync(file);
const headers = { 'content-type': 'application/json; charset=utf-8', 'content-length': String(body.length) };

const server = createServer((req, res) => {
  req.on('data', () => {});
  req.on('end', () => {
    res.writeHead(200, headers);
    res.end(body);
  });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`BARE_READY http://127.0.0.1:${port}/graphql`);
});
const stop = () => server.close(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
