import { createServer as createNetServer } from 'node:net';
import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpServer, type HttpRequest, type HttpServerOptions } from '../../adapters/http/server.js';

interface Started {
  server: HttpServer;
  url: string;
  port: number;
  errors: { err: unknown; req: HttpRequest }[];
}

const running: HttpServer[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

async function start(setup: (server: HttpServer) => void = () => {}, options: Partial<HttpServerOptions> = {}): Promise<Started> {
  const errors: Started['errors'] = [];
  const server = new HttpServer({ port: 0, onError: (err, req) => errors.push({ err, req }), ...options });
  setup(server);
  running.push(server);
  const { url, port } = await server.start();
  return { server, url, port, errors };
}

/** A request body sent in pieces with no content-length, so only counting can catch its size. */
function chunked(pieces: number, size: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent++ === pieces) controller.close();
      else controller.enqueue(new Uint8Array(size).fill(97));
    },
  });
}

/** Sends a raw request target that fetch would normalise away. */
function rawGet(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('HttpServer', () => {
  it('answers GET /healthz with status ok', async () => {
    const { url } = await start();
    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('listens on 127.0.0.1 and reports the address it got', async () => {
    const { server, port, url } = await start();
    expect(port).toBeGreaterThan(0);
    expect(url).toBe(`http://127.0.0.1:${port}`);
    expect(server).toBeInstanceOf(HttpServer);
  });

  it('refuses a body whose content-length is over the limit with 413, without calling the handler', async () => {
    let called = false;
    const { url } = await start((s) => s.route('POST', '/in', () => ((called = true), { status: 204 })), { bodyLimitBytes: 1024 });
    const res = await fetch(`${url}/in`, { method: 'POST', body: Buffer.alloc(200_000, 97) });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: 'payload_too_large', message: 'The request body is larger than the limit of 1024 bytes.' });
    expect(called).toBe(false);
  });

  it('refuses a chunked body with 413 once the streamed bytes pass the limit', async () => {
    let called = false;
    const { url } = await start((s) => s.route('POST', '/in', () => ((called = true), { status: 204 })), { bodyLimitBytes: 1024 });
    const res = await fetch(`${url}/in`, { method: 'POST', body: chunked(50, 512), duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
    expect((await res.json()).error).toBe('payload_too_large');
    expect(called).toBe(false);
  });

  it('accepts a chunked body exactly at the limit', async () => {
    const { url } = await start((s) => s.route('POST', '/in', (req) => ({ status: 200, body: { size: req.rawBody.length } })), { bodyLimitBytes: 1024 });
    const res = await fetch(`${url}/in`, { method: 'POST', body: chunked(2, 512), duplex: 'half' } as RequestInit);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ size: 1024 });
  });

  it('keeps serving after refusing a large body', async () => {
    const { url } = await start((s) => s.route('POST', '/in', () => ({ status: 204 })), { bodyLimitBytes: 10 });
    expect((await fetch(`${url}/in`, { method: 'POST', body: 'x'.repeat(5000) })).status).toBe(413);
    expect((await fetch(`${url}/in`, { method: 'POST', body: 'small' })).status).toBe(204);
  });

  it('answers 404 with a JSON error for a path nothing is mounted on', async () => {
    const { url } = await start();
    const res = await fetch(`${url}/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'not_found', message: 'Nothing is served at /nope.' });
  });

  it('answers 405 with Allow for a known path and another method', async () => {
    const { url } = await start((s) => s.route('POST', '/api/deployments', () => ({ status: 201 })).route('PUT', '/api/deployments', () => ({ status: 200 })));
    const res = await fetch(`${url}/api/deployments`, { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST, PUT');
    expect((await res.json()).error).toBe('method_not_allowed');
    const health = await fetch(`${url}/healthz`, { method: 'POST' });
    expect(health.status).toBe(405);
    expect(health.headers.get('allow')).toBe('GET, HEAD');
  });

  it('serves HEAD from the GET handler without a body', async () => {
    const { url } = await start();
    const res = await fetch(`${url}/healthz`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it('answers 400 for a URL with a broken percent-escape or a target that is not a path', async () => {
    const { url, port } = await start((s) => s.route('GET', '/x/:id', () => ({ status: 200 })));
    const res = await fetch(`${url}/x/%zz`);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toBe('bad_request');
    expect((await rawGet(port, '*')).status).toBe(400);
  });

  it('passes decoded params, the query, lower-case headers and the method to the handler', async () => {
    let seen: HttpRequest | undefined;
    const { url } = await start((s) =>
      s.route('GET', '/api/deployments/:id/logs/:line', (req) => {
        seen = req;
        return { status: 200, body: { id: req.params.id } };
      }),
    );
    const res = await fetch(`${url}/api/deployments/DEP%2012/logs/7?tail=5&tail=6&q=a%20b`, { headers: { 'X-Trace-Id': 'abc' } });
    expect(await res.json()).toEqual({ id: 'DEP 12' });
    expect(seen?.method).toBe('GET');
    expect(seen?.path).toBe('/api/deployments/DEP 12/logs/7');
    expect(seen?.params).toEqual({ id: 'DEP 12', line: '7' });
    expect(seen?.query.getAll('tail')).toEqual(['5', '6']);
    expect(seen?.query.get('q')).toBe('a b');
    expect(seen?.headers['x-trace-id']).toBe('abc');
    expect(seen?.rawBody.length).toBe(0);
    expect(seen?.remoteAddress).toMatch(/127\.0\.0\.1$/);
  });

  it('prefers a literal path over a param path, and does not read an encoded slash as a separator', async () => {
    const { url } = await start((s) =>
      s
        .route('GET', '/api/deployments/active', () => ({ status: 200, body: 'active' }))
        .route('GET', '/api/deployments/:id', (req) => ({ status: 200, body: `one ${req.params.id}` }))
        .route('GET', '/api/deployments', () => ({ status: 200, body: 'all' })),
    );
    expect(await (await fetch(`${url}/api/deployments/active`)).text()).toBe('active');
    expect(await (await fetch(`${url}/api/deployments/DEP-3`)).text()).toBe('one DEP-3');
    expect(await (await fetch(`${url}/api/deployments`)).text()).toBe('all');
    expect((await fetch(`${url}/api/deployments/`)).status).toBe(404);
    expect((await fetch(`${url}/api%2Fdeployments`)).status).toBe(404);
  });

  it('hands the handler the exact bytes of the body', async () => {
    const { url } = await start((s) => s.route('POST', '/slack/events', (req) => ({ status: 200, body: req.rawBody })));
    const sent = Buffer.from([0, 1, 2, 255, 254, 0x7b]);
    const res = await fetch(`${url}/slack/events`, { method: 'POST', body: sent });
    expect(Buffer.from(await res.arrayBuffer())).toEqual(sent);
  });

  it('sends objects as JSON, strings as text and Buffers as bytes, keeping headers the handler sets', async () => {
    const { url } = await start((s) =>
      s
        .route('GET', '/json', () => ({ status: 201, body: { a: [1, 'ü'] } }))
        .route('GET', '/text', () => ({ status: 200, body: 'héllo' }))
        .route('GET', '/bytes', () => ({ status: 200, body: Buffer.from('raw') }))
        .route('GET', '/typed', () => ({ status: 200, headers: { 'content-type': 'text/html', 'x-one': 'yes' }, body: '<p>hi</p>' }))
        .route('POST', '/empty', () => ({ status: 204 })),
    );
    const json = await fetch(`${url}/json`);
    expect(json.status).toBe(201);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await json.json()).toEqual({ a: [1, 'ü'] });
    const text = await fetch(`${url}/text`);
    expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(text.headers.get('content-length')).toBe('6');
    expect(await text.text()).toBe('héllo');
    const bytes = await fetch(`${url}/bytes`);
    expect(bytes.headers.get('content-type')).toBe('application/octet-stream');
    expect(await bytes.text()).toBe('raw');
    const typed = await fetch(`${url}/typed`);
    expect(typed.headers.get('content-type')).toBe('text/html');
    expect(typed.headers.get('x-one')).toBe('yes');
    const empty = await fetch(`${url}/empty`, { method: 'POST', body: 'ignored' });
    expect(empty.status).toBe(204);
    expect(await empty.text()).toBe('');
  });

  it('answers 500 with a generic body when a handler throws, and gives the error to onError', async () => {
    const boom = new Error('database password is hunter2');
    const { url, errors } = await start((s) =>
      s.route('POST', '/api/deployments', async () => {
        throw boom;
      }),
    );
    const res = await fetch(`${url}/api/deployments`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: 'internal_error', message: 'Something went wrong on our side; it has been logged.' });
    expect(text).not.toContain('hunter2');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.err).toBe(boom);
    expect(errors[0]?.req.path).toBe('/api/deployments');
    expect(errors[0]?.req.rawBody.toString()).toBe('{}');
  });

  it('answers 500 when a handler returns a body that cannot be sent', async () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const { url, errors } = await start((s) => s.route('GET', '/bad', () => ({ status: 200, body: circular })));
    expect((await fetch(`${url}/bad`)).status).toBe(500);
    expect(errors).toHaveLength(1);
  });

  it('refuses to mount the same method and path twice', async () => {
    const server = new HttpServer({ onError: () => {} });
    server.route('GET', '/a/:id', () => ({ status: 200 }));
    expect(() => server.route('GET', '/a/:other', () => ({ status: 200 }))).toThrow('GET /a/:other is already routed.');
    expect(() => server.route('GET', '/healthz', () => ({ status: 200 }))).toThrow('already routed');
    expect(() => server.route('GET', 'a', () => ({ status: 200 }))).toThrow('must be a path starting with /');
  });

  it('frees the port on stop(), closing idle keep-alive sockets', async () => {
    const { server, url, port } = await start();
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    await server.stop();
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    const probe = createNetServer();
    await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(port, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  });

  it('rejects start() when the port is taken', async () => {
    const { port } = await start();
    const second = new HttpServer({ port, onError: () => {} });
    await expect(second.start()).rejects.toThrow(/EADDRINUSE/);
  });
});
