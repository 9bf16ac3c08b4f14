// Interoperability: the project's WSDL served by the npm `soap` package (a
// SOAP stack nobody here wrote), with a small in-memory service behind it.
// Usage: node npm_soap_server.js  -> prints "ready PORT" on 127.0.0.1.
'use strict';
const http = require('http');
const path = require('path');
const fs = require('fs');
const soap = require('soap');

const wsdl = fs.readFileSync(path.join(__dirname, '../../docs/wsdl/liaison-gescom-v1.wsdl'), 'utf8');
const sessions = new Set();
const done = new Map();       // requestId -> result (idempotency)
const tiers = new Map();      // CT_Num -> {contacts, adresses}
let seq = 0;
let sidSeq = 0;

function fault(code, str, dcode, sev) {
  return {Fault: {faultcode: 'soap:' + code, faultstring: str,
    // qualified explicitly: the detail is not described by an operation's output
    detail: {'l:fault': {attributes: {'xmlns:l': 'urn:liaison:gescom:v1'}, 'l:code': dcode, 'l:severity': sev}},
    statusCode: 500}};
}
function checkSession(headers) {
  const sid = headers && headers.SessionHeader && headers.SessionHeader.sessionId;
  if (!sid || !sessions.has(sid)) throw fault('Client', 'Session expirée ou invalide', 'ERP-SESSION-0001', 'error');
}
function once(rid, fn) {
  if (done.has(rid)) return Object.assign({}, done.get(rid), {replayed: true});
  const r = fn();
  done.set(rid, r);
  return r;
}
function echec(rid, code, msg, field) {
  return {status: 'ECHEC', requestId: rid, diagnosis: [{severity: 'error', code, message: msg, field}]};
}
function createTiers(a) {
  return once(a.requestId, () => {
    let num = a.tiers.CT_Num;
    if (num === '<AUTOERP>') num = 'CLI' + String(++seq).padStart(4, '0');
    if (!/^[A-Z0-9]{1,17}$/.test(num || '')) return echec(a.requestId, 'ERP-TIERS-0101', 'N° de compte invalide', 'tiers/CT_Num');
    if (tiers.has(num)) return echec(a.requestId, 'ERP-TIERS-0102', 'N° de compte déjà utilisé', 'tiers/CT_Num');
    tiers.set(num, {contacts: 0, adresses: 0, data: a.tiers});
    return {status: 'SUCCES', requestId: a.requestId, key: {CT_Num: num}, rowVersion: '1'};
  });
}
function child(a, kind, keyName) {
  return once(a.requestId, () => {
    const t = tiers.get(a.CT_Num);
    if (!t) return echec(a.requestId, 'ERP-TIERS-0107', 'Tiers introuvable', 'CT_Num');
    const no = String(++t[kind]);
    return {status: 'SUCCES', requestId: a.requestId, key: {CT_Num: a.CT_Num, [keyName]: no}};
  });
}
const ops = {
  Logon(a) {
    if (a.password !== 'demo') throw fault('Client', 'Authentification refusée', 'ERP-AUTH-0001', 'fatal');
    const sid = 'N' + (++sidSeq);
    sessions.add(sid);
    return {sessionId: sid, expiresAt: '2099-01-01T00:00:00Z', serverVersion: 'npm-soap'};
  },
  Logoff(a, cb, headers) { checkSession(headers); sessions.delete(headers.SessionHeader.sessionId); return {}; },
  Ping() { return {serverTime: new Date().toISOString(), erpReachable: true}; },
  CreateTiers(a, cb, headers) {
    checkSession(headers);
    // test hook: every session expires after this request
    if (a.tiers.CT_Intitule === 'EXPIRE SESSIONS') sessions.clear();
    return {result: createTiers(a)};
  },
  UpdateTiers(a, cb, headers) {
    checkSession(headers);
    return {result: once(a.requestId, () => tiers.has(a.CT_Num)
      ? {status: 'SUCCES', requestId: a.requestId, key: {CT_Num: a.CT_Num}}
      : echec(a.requestId, 'ERP-TIERS-0107', 'Tiers introuvable', 'CT_Num'))};
  },
  UpsertContact(a, cb, headers) { checkSession(headers); return {result: child(a, 'contacts', 'CT_No')}; },
  UpsertAdresse(a, cb, headers) { checkSession(headers); return {result: child(a, 'adresses', 'LI_No')}; },
};
const service = {LiaisonGescomService: {GescomSoap11: Object.assign({}, ops)}};

const server = http.createServer((req, res) => { res.statusCode = 404; res.end(); });
server.listen(0, '127.0.0.1', () => {
  soap.listen(server, '/liaison/gescom', service, wsdl, () => {
    process.stdout.write(`ready ${server.address().port}\n`);
  });
});
process.on('SIGTERM', () => process.exit(0));
