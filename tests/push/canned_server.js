// Canned SOAP responses for the client tests: one scenario per URL path.
// Usage: node canned_server.js LOGFILE [KEY CERT] -> prints "ready PORT [TLSPORT]" once listening
// on 127.0.0.1 (port chosen by the system).  Every request is appended to
// LOGFILE as one JSON line {path, action, requestId, session, body}.
'use strict';
const http = require('http');
const fs = require('fs');

const logFile = process.argv[2];
const ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
const NS = 'urn:liaison:gescom:v1';
const counts = {};       // path -> action -> n
let sessionSeq = 0;
let lastBody = '';
let connSeq = 0;        // TCP connections seen: keep-alive is checked from the log

const env = (body) =>
  `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${ENV}" xmlns:l="${NS}">` +
  `<soap:Body>${body}</soap:Body></soap:Envelope>`;
const fault = (code, str, dcode, sev, retry) =>
  env(`<soap:Fault><faultcode>soap:${code}</faultcode><faultstring>${str}</faultstring>` +
      `<detail><l:fault><l:code>${dcode}</l:code><l:severity>${sev}</l:severity>` +
      (retry !== undefined ? `<l:retryAfterSeconds>${retry}</l:retryAfterSeconds>` : '') +
      `</l:fault></detail></soap:Fault>`);
const result = (op, rid, status, key, diags) =>
  env(`<l:${op}Response><l:result><l:status>${status}</l:status><l:requestId>${rid}</l:requestId>` +
      (key ? `<l:key><l:CT_Num>${key}</l:CT_Num></l:key>` : '') +
      (diags || '') + `</l:result></l:${op}Response>`);
const diag = (sev, code, msg, field) =>
  `<l:diagnosis><l:severity>${sev}</l:severity><l:code>${code}</l:code><l:message>${msg}</l:message>` +
  (field ? `<l:field>${field}</l:field>` : '') + `</l:diagnosis>`;
const logon = () => env(`<l:LogonResponse><l:sessionId>S${++sessionSeq}</l:sessionId>` +
  `<l:expiresAt>2026-01-01T00:00:00Z</l:expiresAt><l:serverVersion>canned-1</l:serverVersion></l:LogonResponse>`);

function send(res, status, body, headers) {
  res.writeHead(status, Object.assign({'Content-Type': 'text/xml; charset=utf-8'}, headers || {}));
  res.end(body);
}

function handle(path, action, rid, session, n, res) {
  if (path === '/unauth') return send(res, 401, 'unauthorized');
  if (path === '/hang') return; // never answers
  if (path === '/stall') {
    // headers and the start of a body, then silence: the client's stall timeout
    res.writeHead(200, {'Content-Type': 'text/xml; charset=utf-8', 'Content-Length': '100000'});
    res.write('<?xml version="1.0"?><soap:Envelope');
    return;
  }
  if (action === 'Logon') {
    if (path === '/logonfault')
      return send(res, 500, fault('Client', 'Authentification refusée pour « liaison »', 'ERP-AUTH-0001', 'fatal'));
    return send(res, 200, logon());
  }
  if (action === 'Logoff') return send(res, 200, env('<l:LogoffResponse/>'));
  if (action === 'Ping')
    return send(res, 200, env('<l:PingResponse><l:serverTime>2026-11-23T10:00:00</l:serverTime><l:erpReachable>true</l:erpReachable></l:PingResponse>'));
  const op = action;
  switch (path) {
  case '/batch': {
    const ids = [...String(lastBody).matchAll(/<(?:\w+:)?requestId>([^<]*)</g)].map((m) => m[1]);
    const rs = ids.map((id, i) => `<l:result><l:status>${i === 1 ? 'ECHEC' : 'SUCCES'}</l:status><l:requestId>${id}</l:requestId>` +
      (i === 1 ? diag('error', 'ERP-TIERS-0101', 'N° de compte invalide', 'tiers/CT_Num') : `<l:key><l:CT_Num>B${i}</l:CT_Num></l:key>`) + '</l:result>');
    return send(res, 200, env(`<l:SubmitBatchResponse>${rs.join('')}</l:SubmitBatchResponse>`));
  }
  case '/ok':
    return send(res, 200, result(op, rid, 'SUCCES', '0042CLI'));
  case '/fault':
    // faultcode prefix "x" bound to the envelope namespace: compared by URI, not prefix
    return send(res, 500, `<?xml version="1.0"?><x:Envelope xmlns:x="${ENV}"><x:Body><x:Fault>` +
      `<faultcode>x:Client</faultcode><faultstring>Le compte « CLI001 » existe déjà</faultstring>` +
      `<detail><q:fault xmlns:q="${NS}"><q:code>ERP-TIERS-0102</q:code><q:severity>error</q:severity></q:fault></detail>` +
      `</x:Fault></x:Body></x:Envelope>`);
  case '/busy':
    if (n === 1) return send(res, 503, 'busy', {'Retry-After': '1'});
    return send(res, 200, result(op, rid, 'SUCCES', 'CLI0099'));
  case '/gateway':
    return send(res, 502, 'bad gateway');
  case '/transient':
    if (n === 1) return send(res, 200, result(op, rid, 'ECHEC', null, diag('transient', 'ERP-LOCK-0001', 'Enregistrement verrouillé')));
    return send(res, 200, result(op, rid, 'SUCCES', 'CLI0100'));
  case '/faulttransient':
    if (n === 1) return send(res, 500, fault('Server', 'Base GesCom injoignable', 'ERP-DB-0001', 'transient', 0));
    return send(res, 200, result(op, rid, 'SUCCES', 'CLI0101'));
  case '/echec':
    return send(res, 200, result(op, rid, 'ECHEC', null, diag('error', 'ERP-TIERS-0101', 'N° de compte invalide', 'tiers/CT_Num')));
  case '/expire':
    if (session === 'S' + String(sessionSeq) && n === 1)
      return send(res, 500, fault('Client', 'Session expirée', 'ERP-SESSION-0001', 'error'));
    return send(res, 200, result(op, rid, 'SUCCES', 'CLI0200'));
  case '/expireloop':
    return send(res, 500, fault('Client', 'Session expirée', 'ERP-SESSION-0001', 'error'));
  case '/prefix':
    return send(res, 200, `<?xml version="1.0"?><E:Envelope xmlns:E="${ENV}"><E:Body>` +
      `<g:${op}Response xmlns:g="${NS}"><g:result><g:status>SUCCES</g:status><g:requestId>${rid}</g:requestId>` +
      `<g:key><CT_Num>DECOY</CT_Num><g:CT_Num>00017</g:CT_Num></g:key></g:result></g:${op}Response></E:Body></E:Envelope>`);
  case '/wrongns':
    return send(res, 200, `<?xml version="1.0"?><soap:Envelope xmlns:soap="${ENV}"><soap:Body>` +
      `<l:${op}Response xmlns:l="urn:other"><l:result><l:status>SUCCES</l:status><l:requestId>${rid}</l:requestId></l:result></l:${op}Response></soap:Body></soap:Envelope>`);
  case '/otherid':
    return send(res, 200, result(op, 'not-' + rid, 'SUCCES', 'CLI0300'));
  case '/xxe':
    return send(res, 200, `<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>` +
      `<soap:Envelope xmlns:soap="${ENV}" xmlns:l="${NS}"><soap:Body><l:${op}Response><l:result><l:status>SUCCES</l:status>` +
      `<l:requestId>${rid}</l:requestId><l:key><l:CT_Num>&xxe;</l:CT_Num></l:key></l:result></l:${op}Response></soap:Body></soap:Envelope>`);
  case '/laughs': {
    let ents = '<!ENTITY lol "lol">';
    for (let i = 1; i <= 9; i++)
      ents += `<!ENTITY lol${i} "${('&lol' + (i === 1 ? '' : i - 1) + ';').repeat(10)}">`;
    return send(res, 200, `<?xml version="1.0"?><!DOCTYPE lolz [${ents}]>` +
      `<soap:Envelope xmlns:soap="${ENV}" xmlns:l="${NS}"><soap:Body><l:${op}Response><l:result><l:status>&lol9;</l:status>` +
      `</l:result></l:${op}Response></soap:Body></soap:Envelope>`);
  }
  case '/big':
    return send(res, 200, env(`<l:${op}Response><l:result><l:status>SUCCES</l:status><l:hint>${'A'.repeat(2 << 20)}</l:hint></l:result></l:${op}Response>`));
  case '/malformed':
    return send(res, 200, `<?xml version="1.0"?><soap:Envelope xmlns:soap="${ENV}"><soap:Body><l:Oops>`);
  case '/html':
    return send(res, 500, '<html><body>Internal Server Error</body></html>', {'Content-Type': 'text/html'});
  }
  send(res, 404, 'unknown scenario');
}

function onRequest(req, res) {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const action = String(req.headers.soapaction || '').replace(/"/g, '').split('/').pop();
    const rid = (body.match(/<(?:\w+:)?requestId>([^<]*)</) || [])[1] || '';
    const session = (body.match(/<(?:\w+:)?sessionId>([^<]*)</) || [])[1] || '';
    const path = req.url;
    counts[path] = counts[path] || {};
    const n = counts[path][action] = (counts[path][action] || 0) + 1;
    if (!req.socket.lia_id) req.socket.lia_id = ++connSeq;
    const conn = req.socket.lia_id;
    fs.appendFileSync(logFile, JSON.stringify({path, action, requestId: rid, session, n, conn, body}) + '\n');
    lastBody = body;
    handle(path, action, rid, session, n, res);
  });
}
const server = http.createServer(onRequest);
server.keepAliveTimeout = 5000;
// With KEY and CERT arguments, the same scenarios are also served over TLS.
const tls = process.argv[4]
  ? require('https').createServer({key: fs.readFileSync(process.argv[3]), cert: fs.readFileSync(process.argv[4])}, onRequest)
  : null;
server.listen(0, '127.0.0.1', () => {
  if (!tls) return process.stdout.write(`ready ${server.address().port}\n`);
  tls.listen(0, '127.0.0.1', () => {
    process.stdout.write(`ready ${server.address().port} ${tls.address().port}\n`);
  });
});
process.on('SIGTERM', () => process.exit(0));
