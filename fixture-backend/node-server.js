#!/usr/bin/env node
// A Node server with no health endpoint, ready by TCP: the "web" of Lifeline's app tests. Plain Node (20 or
// newer), no npm packages.
//
//   node node-server.js --port N [--delay SECONDS]
//
// - After --delay seconds (default 0) listens on 127.0.0.1:N only and prints "listening on 127.0.0.1:<port>"
//   (with --port 0 the port the system picked). Every request gets 200 with the body "ok".
// - Without --port it uses BACKEND_PORT, which Lifeline sets for every backend.
// - SIGTERM or SIGINT: prints "node-server stopping" and exits 0 (also during the delay).
// - Stays tied to Lifeline like the fixture: reads stdin and exits 0 at end-of-file when LIFELINE_EXIT_ON_STDIN_EOF
//   is true (when unset: when LIFELINE_RUN is true).
// - A bad argument prints one line "node-server: ..." on stderr and exits 2; a port it cannot listen on (in use)
//   prints one line and exits 3, like the fixture.
'use strict';

const http = require('http');

const HOST = '127.0.0.1';
const MAX_DELAY_SECONDS = 86400; // setTimeout takes at most 2^31-1 ms
const USAGE = 'usage: node node-server.js --port N [--delay SECONDS]';

function fail(message, code) {
  process.stderr.write(`node-server: ${message}\n`);
  process.exit(code);
}

function parse(argv) {
  const options = { port: process.env.BACKEND_PORT, delay: '0' };
  for (let i = 0; i < argv.length; i += 1) {
    const name = argv[i];
    if (name !== '--port' && name !== '--delay') {
      fail(`unknown argument '${name}' (${USAGE})`, 2);
    }
    if (i + 1 >= argv.length) {
      fail(`${name} needs a value (${USAGE})`, 2);
    }
    options[name.slice(2)] = argv[i + 1];
    i += 1;
  }
  if (options.port === undefined || options.port === '') {
    fail(`no port: pass --port N or set BACKEND_PORT (${USAGE})`, 2);
  }
  if (!/^\d{1,5}$/.test(options.port) || Number(options.port) > 65535) {
    fail(`invalid port '${options.port}': must be an integer from 0 to 65535`, 2);
  }
  const delay = Number(options.delay);
  if (options.delay.trim() === '' || !Number.isFinite(delay) || delay < 0 || delay > MAX_DELAY_SECONDS) {
    fail(`invalid delay '${options.delay}': must be a number of seconds from 0 to ${MAX_DELAY_SECONDS}`, 2);
  }
  return { port: Number(options.port), delay };
}

function flag(name) {
  const raw = (process.env[name] || '').trim().toLowerCase();
  if (['true', '1', 'yes'].includes(raw)) return true;
  if (['false', '0', 'no'].includes(raw)) return false;
  return undefined;
}

let stopping = false;

function stop(reason) {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`node-server: ${reason}\nnode-server stopping\n`, () => process.exit(0));
}

const { port, delay } = parse(process.argv.slice(2));
process.on('SIGTERM', () => stop('got SIGTERM'));
process.on('SIGINT', () => stop('got SIGINT'));
const explicit = flag('LIFELINE_EXIT_ON_STDIN_EOF');
if (explicit === true || (explicit === undefined && flag('LIFELINE_RUN') === true)) {
  process.stdin.on('end', () => stop('stdin closed: parent is gone'));
  process.stdin.on('error', () => stop('stdin closed: parent is gone'));
  process.stdin.resume();
}

console.log(`node-server starting (pid ${process.pid}, listening in ${delay}s)`);
setTimeout(() => {
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
  });
  server.on('error', (e) => fail(`cannot listen on ${HOST}:${port}: ${e.code || e.message}`, 3));
  server.listen(port, HOST, () => console.log(`listening on ${HOST}:${server.address().port}`));
}, delay * 1000);
