// tedious (a TDS client not built on FreeTDS) against the real simulator:
// parameterized writes and reads of every supported type (accented varchar
// and nvarchar included) on each TDS version, SQL Server's error numbers
// (18456, 208, 102, 229), then 50 clients at once.
'use strict';
const assert = require('node:assert/strict');
const { Connection, Request, TYPES } = require('tedious');

const port = Number(process.env.SIM_PORT);
const password = process.env.SIM_PASSWORD;

function connect(o = {}) {
  return new Promise((resolve, reject) => {
    const c = new Connection({
      server: '127.0.0.1',
      authentication: { type: 'default', options: { userName: o.user || 'liaison', password: o.password || password } },
      options: { port, encrypt: false, database: o.database, tdsVersion: o.tdsVersion || '7_4',
                 connectTimeout: 20000, requestTimeout: 60000 },
    });
    if (o.onError) c.on('errorMessage', o.onError);
    c.on('connect', (err) => (err ? reject(err) : resolve(c)));
    c.connect();
  });
}

function run(c, sql, params = [], batch = params.length === 0) {
  return new Promise((resolve, reject) => {
    const sets = [];
    let cur = null;
    const r = new Request(sql, (err, rowCount) => (err ? reject(err) : resolve({ sets, rowCount })));
    r.on('columnMetadata', (cols) => { cur = { cols: cols.map((x) => x.colName), rows: [] }; sets.push(cur); });
    r.on('row', (cols) => cur.rows.push(Object.fromEntries(cols.map((x) => [x.metadata.colName, x.value]))));
    for (const [name, type, value, opt] of params) r.addParameter(name, type, value, opt);
    if (batch) c.execSqlBatch(r); else c.execSql(r);
  });
}

// sp_executesql with OUTPUT parameters: the events in order, the values of
// the returnValue events (name -> {value, metadata}).
function runOut(c, sql, outs, ins = []) {
  return new Promise((resolve, reject) => {
    const events = [];
    const ret = {};
    const rows = [];
    const r = new Request(sql, (err) => (err ? reject(err) : resolve({ events, ret, rows })));
    r.on('row', (cols) => { events.push('row'); rows.push(cols.map((x) => x.value)); });
    r.on('returnValue', (name, value, metadata) => { events.push('returnValue ' + name); ret[name] = { value, metadata }; });
    r.on('doneInProc', () => events.push('doneInProc'));
    for (const [name, type, value, opt] of ins) r.addParameter(name, type, value, opt);
    for (const [name, type, value, opt] of outs) r.addOutputParameter(name, type, value, opt);
    c.execSql(r);
  });
}

async function checkOutputs(tdsVersion) {
  const c = await connect({ database: 'TED', tdsVersion });
  const { events, ret, rows } = await runOut(c,
    `SELECT @i AS avant, @k AS entree
     SET @i = @i * 3
     SET @d = @d / 3 + 12345.25
     SET @s = N'Crème brûlée – été ' + CAST(@i AS nvarchar(10))
     SET @t = DATEADD(day, 1, @t)
     SET @z = NULL`,
    [['i', TYPES.Int, 5], ['d', TYPES.Decimal, 1.5, { precision: 38, scale: 10 }],
     ['s', TYPES.NVarChar, null, { length: 60 }],
     ['t', TYPES.DateTime, new Date(Date.UTC(2024, 1, 28, 10, 30, 0, 123))], ['z', TYPES.Int, 7]],
    [['k', TYPES.Int, 1]]);
  assert.deepEqual(rows, [[5, 1]], `inputs on ${tdsVersion}`);
  // after the batch's results, in the order of the parameters; no value for the input
  assert.deepEqual(events, ['row', 'doneInProc', 'returnValue i', 'returnValue d', 'returnValue s',
                            'returnValue t', 'returnValue z'], `events on ${tdsVersion}`);
  assert.equal(ret.i.value, 15);
  assert.equal(ret.i.metadata.type.name, 'IntN');
  assert.equal(ret.d.value, 12345.75);
  assert.equal(ret.d.metadata.precision, 38);
  assert.equal(ret.d.metadata.scale, 10);
  assert.equal(ret.s.value, 'Crème brûlée – été 15');
  assert.equal(ret.s.metadata.type.name, 'NVarChar');
  assert.equal(ret.t.value.toISOString(), '2024-02-29T10:30:00.123Z');
  assert.equal(ret.z.value, null);
  // an exact decimal of 38 digits comes back as its text would (tedious makes a Number of it)
  const big = await runOut(c, 'SET @d = @d * 2',
    [['d', TYPES.Decimal, 0.0000000001, { precision: 38, scale: 10 }]]);
  assert.equal(big.ret.d.value, 0.0000000002);
  c.close();
}

async function errorNumber(p) {
  try { await p; } catch (e) { return e.number; }
  return 0;
}

const values = {
  b: [TYPES.Bit, true], ti: [TYPES.TinyInt, 255], si: [TYPES.SmallInt, -32768],
  i: [TYPES.Int, -2147483648], bi: [TYPES.BigInt, '9007199254740993'],
  de: [TYPES.Decimal, 12345.6789, { precision: 18, scale: 4 }], m: [TYPES.Money, 1234.56],
  f: [TYPES.Float, 3.25], dt: [TYPES.DateTime, new Date(Date.UTC(2024, 1, 29, 13, 45, 30, 123))],
  dt2: [TYPES.DateTime2, new Date(Date.UTC(2024, 1, 29, 13, 45, 30, 120)), { scale: 7 }],
  d: [TYPES.Date, new Date(Date.UTC(2024, 1, 29))],
  vc: [TYPES.VarChar, 'Bijouterie Élégance – été €'], nvc: [TYPES.NVarChar, 'Ça coûte 5 € – 日本 𝄞'],
  vmax: [TYPES.VarChar, 'grand texte éà'.repeat(1000)], nmax: [TYPES.NVarChar, 'clé ǅ 𝄞'.repeat(1000)],
  vb: [TYPES.VarBinary, Buffer.from([0, 1, 254, 255])],
};

function check(row, tdsVersion) {
  assert.equal(row.b, true);
  assert.equal(row.ti, 255);
  assert.equal(row.si, -32768);
  assert.equal(row.i, -2147483648);
  assert.equal(String(row.bi), '9007199254740993');
  assert.equal(row.de, 12345.6789);
  assert.equal(row.m, 1234.56);
  assert.equal(row.f, 3.25);
  assert.equal(row.dt.toISOString(), '2024-02-29T13:45:30.123Z');
  if (tdsVersion >= '7_3') {
    assert.equal(row.dt2.toISOString(), '2024-02-29T13:45:30.120Z');
    assert.equal(row.d.toISOString(), '2024-02-29T00:00:00.000Z');
  } else {
    assert.equal(row.dt2, '2024-02-29 13:45:30.1200000');
    assert.equal(row.d, '2024-02-29');
  }
  assert.equal(row.vc, values.vc[1]);
  assert.equal(row.nvc, values.nvc[1]);
  assert.equal(row.vmax, values.vmax[1]);
  assert.equal(row.nmax, values.nmax[1]);
  assert.deepEqual([...row.vb], [0, 1, 254, 255]);
  // The same through max types (PLP, or text/ntext before 7.2).
  assert.equal(row.vmax2, values.vmax[1]);
  assert.equal(row.nmax2, values.nmax[1]);
}

async function main() {
  let e = await connect({ password: 'wrong' }).then(() => null, (x) => x);
  assert.ok(e && /Login failed for user 'liaison'/.test(e.message), `18456: ${e && e.message}`);
  const seen = [];
  e = await connect({ database: 'NOPE', onError: (m) => seen.push(m.number) }).then(() => null, (x) => x);
  assert.ok(e, '4060 refused');
  assert.deepEqual(seen, [4060, 18456]);

  const c = await connect();
  await run(c, 'CREATE DATABASE TED');
  await run(c, 'USE TED');
  await run(c, `CREATE TABLE dbo.T (k int NOT NULL PRIMARY KEY, b bit NULL, ti tinyint NULL, si smallint NULL,
     i int NULL, bi bigint NULL, de decimal(18, 4) NULL, m money NULL, f float NULL, dt datetime NULL,
     dt2 datetime2(7) NULL, d date NULL, vc varchar(35) NULL, nvc nvarchar(35) NULL,
     vmax varchar(max) NULL, nmax nvarchar(max) NULL, vb varbinary(16) NULL)`);
  const names = Object.keys(values);
  const sql = `INSERT INTO dbo.T (k, ${names.join(', ')}) VALUES (@k, ${names.map((n) => '@' + n).join(', ')})`;
  await run(c, sql, [['k', TYPES.Int, 1], ...names.map((n) => [n, ...values[n]])]);
  await run(c, sql, [['k', TYPES.Int, 2], ...names.map((n) => [n, values[n][0], null, values[n][2]])]);
  c.close();

  for (const tdsVersion of ['7_1', '7_2', '7_3_A', '7_3_B', '7_4']) {
    const t = await connect({ database: 'TED', tdsVersion });
    const { sets } = await run(t, 'SELECT *, CAST(vmax AS varchar(max)) AS vmax2, CAST(nmax AS nvarchar(max)) AS nmax2 FROM dbo.T WHERE k >= @k ORDER BY k', [['k', TYPES.Int, 1]]);
    assert.equal(sets[0].rows.length, 2);
    check(sets[0].rows[0], tdsVersion);
    for (const n of names) assert.equal(sets[0].rows[1][n], null, `${n} NULL on ${tdsVersion}`);
    // Accent-sensitive, case-insensitive comparison through a parameter.
    const found = await run(t, 'SELECT k FROM dbo.T WHERE vc = @v', [['v', TYPES.VarChar, 'BIJOUTERIE élégance – ÉTÉ €']]);
    assert.equal(found.sets[0].rows.length, 1, `CI_AS on ${tdsVersion}`);
    t.close();
  }

  for (const tdsVersion of ['7_1', '7_4']) await checkOutputs(tdsVersion);

  const t = await connect({ database: 'TED' });
  assert.equal(await errorNumber(run(t, 'SELECT * FROM dbo.NOPE')), 208);
  assert.equal(await errorNumber(run(t, 'SELECT k FROM dbo.T LIMIT 5')), 102);
  assert.equal(await errorNumber(run(t, 'SELECT k FROM dbo.T WHERE k = @k LIMIT 5', [['k', TYPES.Int, 1]])), 102);
  const two = await run(t, 'SELECT k FROM dbo.T ORDER BY k; SELECT vc FROM dbo.T WHERE k = 1');
  assert.equal(two.sets.length, 2);
  t.close();
  const r = await connect({ user: 'lecteur', database: 'TED' });
  assert.equal(await errorNumber(run(r, 'DELETE FROM dbo.T')), 229);
  r.close();

  // 50 clients at once, each reading the table three times.
  await Promise.all(Array.from({ length: 50 }, async (_, n) => {
    const x = await connect({ database: 'TED' });
    for (let k = 0; k < 3; k++) {
      const { sets } = await run(x, 'SELECT k, vc, nvc FROM dbo.T WHERE k = @k', [['k', TYPES.Int, 1 + (n % 2)]]);
      assert.equal(sets[0].rows.length, 1);
    }
    x.close();
  }));
  console.log('tedious_conf: ok');
}

main().catch((err) => { console.error(err); process.exit(1); });
