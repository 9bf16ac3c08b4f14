// A TDS client not built on FreeTDS (tedious) against the TDS front with the
// fake engine: login errors, every type decoded exactly (accented varchar and
// nvarchar included), parameterized calls through sp_executesql, several
// result sets, SQL Server error numbers, and each TDS version tedious speaks.
'use strict';
const assert = require('node:assert/strict');
const { Connection, Request, TYPES } = require('tedious');

const port = Number(process.env.SIM_PORT);
const password = process.env.SIM_PASSWORD;

function connect(opts = {}) {
  return new Promise((resolve, reject) => {
    const c = new Connection({
      server: '127.0.0.1',
      authentication: { type: 'default', options: { userName: opts.user || 'liaison', password: opts.password || password } },
      options: { port, encrypt: false, trustServerCertificate: true, database: opts.database,
                 tdsVersion: opts.tdsVersion || '7_4', connectTimeout: 5000, requestTimeout: opts.requestTimeout || 10000 },
    });
    if (opts.onError) c.on('errorMessage', opts.onError);
    c.on('connect', (err) => (err ? reject(err) : resolve(c)));
    c.connect();
  });
}

function run(c, sql, params = [], batch = false) {
  return new Promise((resolve, reject) => {
    const sets = [];
    let cur = null;
    const r = new Request(sql, (err, rowCount) => (err ? reject(err) : resolve({ sets, rowCount })));
    r.on('columnMetadata', (cols) => { cur = { cols: cols.map((x) => x.colName), rows: [] }; sets.push(cur); });
    r.on('row', (cols) => cur.rows.push(cols.map((x) => x.value)));
    for (const [name, type, value, o] of params) r.addParameter(name, type, value, o);
    if (batch) c.execSqlBatch(r); else c.execSql(r);
  });
}

async function expectError(promise, number) {
  try { await promise; } catch (e) {
    const n = e.number || (e.cause && e.cause.number);
    assert.equal(n, number, `expected error ${number}, got ${e.message}`);
    return e;
  }
  assert.fail(`expected error ${number}`);
}

async function main() {
  // Login failures carry SQL Server's numbers and texts.
  let e = await connect({ password: 'wrong' }).then(() => null, (x) => x);
  assert.ok(e && /Login failed for user 'liaison'/.test(e.message), `18456 text: ${e && e.message}`);
  const seen = [];
  e = await connect({ database: 'NOPE', onError: (m) => seen.push(m.number) }).then(() => null, (x) => x);
  assert.ok(e && /Login failed for user 'liaison'/.test(e.message), `4060 login: ${e && e.message}`);
  assert.deepEqual(seen, [4060, 18456]);

  for (const tdsVersion of ['7_1', '7_2', '7_3_A', '7_3_B', '7_4']) {
    const c = await connect({ tdsVersion, database: 'BIJOU' });
    const { sets } = await run(c, 'TYPES', [], true);
    const row = sets[0].rows[0];
    const named = Object.fromEntries(sets[0].cols.map((n, i) => [n, row[i]]));
    assert.equal(named.b, true);
    assert.equal(named.ti, 255);
    assert.equal(named.si, -32768);
    assert.equal(named.i, -2147483648);
    assert.equal(String(named.bi), '9007199254740993');
    assert.equal(named.dec, -12345678901234.5678);
    assert.equal(named.m, 1234.56);
    assert.equal(named.f, 3.25);
    assert.equal(named.dt.toISOString(), '2024-02-29T13:45:30.123Z');
    assert.equal(named.sdt.toISOString(), '2024-02-29T13:46:00.000Z');
    if (tdsVersion >= '7_3') {
      assert.equal(named.dt2.toISOString(), '2024-02-29T13:45:30.123Z');
      assert.equal(named.d.toISOString(), '2024-02-29T00:00:00.000Z');
    } else {
      // SQL Server sends them as nvarchar to clients before 7.3.
      assert.equal(named.dt2, '2024-02-29 13:45:30.1234567');
      assert.equal(named.d, '2024-02-29');
    }
    assert.equal(named.c, 'ab   ');
    assert.equal(named.vc, 'Bijouterie Élégance – été €');
    assert.equal(named.nc, 'é  ');
    assert.equal(named.nvc, 'Ça coûte 5 € – 日本');
    assert.equal(named.vmax, 'grand texte éà');
    assert.equal(named.nmax, '𝄞 clé');
    assert.deepEqual([...named.vb], [1, 2, 255]);
    assert.ok(sets[0].rows[1].every((v) => v === null), `NULL row (${tdsVersion})`);
    c.close();
  }

  const c = await connect({ database: 'BIJOU' });
  // Parameters of every type go through sp_executesql and come back intact.
  const { sets } = await run(c, 'ECHO', [
    ['i', TYPES.Int, 42], ['bi', TYPES.BigInt, '9007199254740993'], ['s', TYPES.SmallInt, -5],
    ['t', TYPES.TinyInt, 200], ['b', TYPES.Bit, true], ['f', TYPES.Float, 1.5],
    ['v', TYPES.VarChar, 'été à Noël'], ['n', TYPES.NVarChar, 'Œuvre – 日本 𝄞'],
    ['d', TYPES.Decimal, 123.45, { precision: 10, scale: 2 }], ['dt', TYPES.DateTime, new Date(Date.UTC(2023, 11, 31, 23, 59, 58))],
    ['dd', TYPES.Date, new Date(Date.UTC(2024, 1, 29))], ['m', TYPES.Money, 12.5],
    ['x', TYPES.Int, null], ['vb', TYPES.VarBinary, Buffer.from([0, 1, 254])],
  ]);
  const r = sets[0].rows[0];
  assert.equal(r[0], 42);
  assert.equal(String(r[1]), '9007199254740993');
  assert.equal(r[2], -5);
  assert.equal(r[3], 200);
  assert.equal(r[4], true);
  assert.equal(r[5], 1.5);
  assert.equal(r[6], 'été à Noël');
  assert.equal(r[7], 'Œuvre – 日本 𝄞');
  assert.equal(r[8], 123.45);
  assert.equal(r[9].toISOString(), '2023-12-31T23:59:58.000Z');
  assert.equal(r[10].toISOString(), '2024-02-29T00:00:00.000Z');
  assert.equal(r[11], 12.5);
  assert.equal(r[12], null);
  assert.deepEqual([...r[13]], [0, 1, 254]);

  // Prepared statements (sp_prepare, then sp_execute twice).
  const prepared = await new Promise((resolve, reject) => {
    const rows = [];
    const r = new Request('ECHO', (err) => { if (err) reject(err); });
    r.addParameter('v', TYPES.NVarChar, '');
    r.on('row', (cols) => rows.push(cols[0].value));
    r.on('prepared', () => resolve({ r, rows }));
    c.prepare(r);
  });
  for (const v of ['première', 'deuxième']) {
    await new Promise((resolve, reject) => {
      prepared.r.once('requestCompleted', resolve);
      prepared.r.once('error', reject);
      c.execute(prepared.r, { v });
    });
  }
  assert.deepEqual(prepared.rows, ['première', 'deuxième']);

  // Several result sets in one batch; errors keep their numbers.
  const two = await run(c, 'SELECT TWO', [], true);
  assert.equal(two.sets.length, 2);
  assert.deepEqual(two.sets[1].rows, [[2], [2]]);
  await expectError(run(c, 'SELECT * FROM t LIMIT 5', [], true), 102);
  await expectError(run(c, 'ERROR 208', [], true), 208);
  await expectError(run(c, 'ERROR 102', [['p', TYPES.Int, 1]]), 102);
  // The connection is still usable after errors.
  assert.deepEqual((await run(c, 'SELECT 1', [], true)).sets[0].rows, [[1]]);
  c.close();

  // A statement busy without results is cancelled by tedious's timeout
  // (ATTENTION) long before it would end, and the connection goes on.
  const slow = await connect({ requestTimeout: 500 });
  const t0 = Date.now();
  e = await run(slow, 'BUSY', [], true).then(() => null, (x) => x);
  assert.ok(e && e.code === 'ETIMEOUT', `timeout: ${e && e.message}`);
  assert.ok(Date.now() - t0 < 5000, `cancel took ${Date.now() - t0} ms`);
  assert.deepEqual((await run(slow, 'SELECT 1', [], true)).sets[0].rows, [[1]]);
  // Cancel while rows stream.
  e = await new Promise((resolve) => {
    let n = 0;
    const r = new Request('SLEEP', (err) => resolve(err));
    r.on('row', () => { if (++n === 100) slow.cancel(); });
    slow.execSqlBatch(r);
  });
  assert.ok(e && e.code === 'ECANCEL', `cancel: ${e && e.message}`);
  assert.deepEqual((await run(slow, 'SELECT 1', [], true)).sets[0].rows, [[1]]);
  slow.close();
  console.log('tedious_types: ok');
}

main().catch((err) => { console.error(err); process.exit(1); });
