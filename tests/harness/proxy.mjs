// The proxy a browser sends all its traffic through in the tests, so nothing reaches the network
// and every request is seen: Firefox's only way to the fixture sites, Chromium's catch-all for
// what Playwright's routing does not see (a service worker's requests before Playwright has
// attached to it, the browser's own).
//  - CONNECT host:443 for a host in `hosts`: answered 200 and the raw socket handed to an
//    in-process https.Server (it never listens on a port) whose self-signed certificate
//    (made with the openssl CLI, subjectAltName = every host) the browser is told to accept.
//    That server calls `handler`, so pages load on real hostnames (https://x.com/home) offline.
//  - Plain-HTTP proxy requests for a fixture host also go to `handler`.
//  - Everything else is refused (403) and its host recorded in `blocked`, or in `noise` when
//    `isNoise(host)` says it is the browser's own service.
//  - Each request is judged by requests.mjs; why one is not allowed goes into `leaks`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { leakOf } from './requests.mjs';

export async function startProxy({ handler, hosts, dir, blocked, noise, leaks, isNoise }) {
  const names = new Set(hosts.map((h) => h.toLowerCase()));
  const keyFile = path.join(dir, 'key.pem'), certFile = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=kindling-fixture',
    '-addext', `subjectAltName=${hosts.map((h) => `DNS:${h}`).join(',')}`, '-keyout', keyFile, '-out', certFile], { stdio: 'pipe' });
  const refuse = (host) => {
    if (isNoise(host.replace(/:\d+$/, ''))) return noise.push(host);
    blocked.push(host);
    leaks.push(`a request to ${host}`);
  };
  const serve = async (req, res, url) => {
    const leak = leakOf({ url: url.href, navigation: req.headers['sec-fetch-mode'] === 'navigate' });
    if (leak) leaks.push(leak);
    const chunks = [];
    for await (const c of req) chunks.push(c);
    let out;
    try { out = await handler(url, { method: req.method, headers: req.headers, body: Buffer.concat(chunks) }); } catch (e) {
      out = { status: 500, headers: { 'content-type': 'text/plain' }, body: `fixture handler threw: ${e?.stack || e}` };
    }
    out ??= { status: 404, headers: { 'content-type': 'text/plain' }, body: 'no fixture' };
    res.writeHead(out.status ?? 200, out.headers ?? {}).end(out.body ?? '');
  };
  const sockets = new Set();
  const track = (s) => { sockets.add(s); s.once('close', () => sockets.delete(s)); };
  const tlsServer = https.createServer({ key: fs.readFileSync(keyFile), cert: fs.readFileSync(certFile) },
    (req, res) => serve(req, res, new URL(req.url, `https://${req.headers.host}`)));
  tlsServer.on('tlsClientError', (_e, s) => s.destroy());
  const proxy = http.createServer((req, res) => {
    let url;
    try { url = new URL(req.url); } catch { res.writeHead(400).end(); return; }
    if (names.has(url.hostname)) return serve(req, res, url);
    refuse(url.host);
    res.writeHead(403).end('blocked by kindling test proxy');
  });
  proxy.on('connection', track);
  proxy.on('connect', (req, socket, head) => {
    // Node's HTTP server stops handling errors of a socket it hands over here: a browser that
    // hangs up (resets) a refused or tunnelled connection must not throw in the test process.
    socket.on('error', () => socket.destroy());
    const host = req.url.replace(/:443$/, '').toLowerCase();
    if (!names.has(host)) { refuse(host); socket.end('HTTP/1.1 403 Forbidden\r\n\r\n'); return; }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length) socket.unshift(head);
    tlsServer.emit('connection', socket);
  });
  await new Promise((r) => proxy.listen(0, '127.0.0.1', r));
  proxy.unref(); // a forgotten close() must not keep node alive; the exit hook cleans up
  return {
    port: proxy.address().port,
    close: () => { for (const s of sockets) s.destroy(); tlsServer.close(); return new Promise((r) => proxy.close(() => r())); },
  };
}
