// The Node server of node-server.yaml: listens where Lifeline says, exits when Lifeline goes away.
const http = require('http');
const port = Number(process.env.BACKEND_PORT || 3000);
const host = process.env.BACKEND_HOST || '127.0.0.1';
http.createServer((req, res) => res.end('hello\n')).listen(port, host, () => {
  console.log(`Listening on http://${host}:${port}`);
});
if (process.env.LIFELINE_EXIT_ON_STDIN_EOF !== 'false') { // false when started with --detach
  process.stdin.on('end', () => process.exit(0)); // Lifeline closed our stdin: it is gone
  process.stdin.resume();
}
process.on('SIGTERM', () => process.exit(0));
