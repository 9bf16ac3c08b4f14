// 50 tedious clients at once, each running queries, while raw sockets send
// hostile bytes; the server must answer every client correctly and stay up.
// SIM_QUERY is the query each client runs, SIM_EXPECT the rows it must get.
'use strict';
const assert = require('node:assert/strict');
const net = require('node:net');
const { Connection, Request } = require('tedious');

const port = Number(process.env.SIM_PORT);
const query = process.env.SIM_QUERY;
const expectRows = Number(process.env.SIM_EXPECT);
const clients = Number(process.env.SIM_CLIENTS || 50);

function connect() {
  return new Promise((resolve, reject) => {
    const c = new Connection({
      server: '127.0.0.1',
      authentication: { type: 'default', options: { userName: process.env.SIM_USER || 'liaison', password: process.env.SIM_PASSWORD } },
      options: { port, encrypt: false, database: process.env.SIM_DATABASE, connectTimeout: 20000, requestTimeout: 60000 },
    });
    c.on('connect', (err) => (err ? reject(err) : resolve(c)));
    c.connect();
  });
}

function count(c, sql) {
  return new Promise((resolve, reject) => {
    let n = 0;
    const r = new Request(sql, (err) => (err ? reject(err) : resolve(n)));
    r.on('row', () => n++);
    c.execSqlBatch(r);
  });
}

function hostile(bytes) {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => s.end(bytes));
    s.on('error', () => resolve());
    s.on('close', () => resolve());
    s.resume();
  });
}

async function client(i) {
  const c = await connect();
  for (let k = 0; k < 3; k++) assert.equal(await count(c, query), expectRows, `client ${i}`);
  c.close();
}

async function main() {
  const garbage = [
    Buffer.from([0x12, 0x01, 0x00, 0x04, 0, 0, 0, 0]),           // length below header
    Buffer.from([0x12, 0x01, 0x00]),                             // cut header
    Buffer.from([0x12, 0x01, 0xff, 0xff, 0, 0, 0, 0, 1, 2, 3]),  // length beyond data
    Buffer.from([0x10, 0x01, 0x00, 0x10, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]),
    Buffer.alloc(70000, 0x41),
  ];
  const jobs = [];
  for (let i = 0; i < clients; i++) jobs.push(client(i));
  for (const g of garbage) jobs.push(hostile(g));
  await Promise.all(jobs);
  // Still up and answering after all that.
  await client('after');
  console.log(`concurrent_clients: ${clients} clients ok`);
}

main().catch((err) => { console.error(err); process.exit(1); });
