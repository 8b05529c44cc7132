// The pages benchmark's ceiling for one Node.js process: node:http with nothing else, answering
// each page with the very bytes and headers Candor sent for it, from memory. It does what every
// Node.js web server does at the least for a request (parse it, write the head and the body),
// and nothing that Candor adds (routing, a log line, metrics), so that Candor's rate can be read
// against what one process can do on the machine at that hour, as well as against nginx.
//   node one-process-server.mjs MANIFEST.json PORT
// MANIFEST: [{ "url": "/en/", "file": "…", "headers": ["content-type", "text/html…", …] }]
import fs from 'node:fs';
import http from 'node:http';

const [manifestFile, port] = process.argv.slice(2);
const pages = new Map(
  JSON.parse(fs.readFileSync(manifestFile, 'utf8')).map((page) => [page.url, { headers: page.headers, body: fs.readFileSync(page.file) }]),
);
const server = http.createServer((request, response) => {
  const page = pages.get(request.url);
  if (!page) {
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('not a page of this benchmark\n');
    return;
  }
  response.writeHead(200, page.headers);
  response.end(page.body);
});
// Node.js's own keep-alive timeout is 5 s; Candor's is 72 s. Neither ends a connection wrk keeps busy.
server.keepAliveTimeout = 72_000;
server.listen(Number(port), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
