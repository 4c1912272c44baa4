import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { loadConfig } from '../../bin/config.js';
import { silentLogger } from '../../bot/log.js';
import { buildApp, type App } from '../../bin/app.js';

const TOKEN = 'FAKE-load-test-webhook-token';
const LIMITS = { maxConnections: 8, maxBodiesInFlight: 4, headersTimeoutSeconds: 1, requestTimeoutSeconds: 2, keepAliveTimeoutSeconds: 1 };

let app: App;
let port: number;
// The app serves every test of this file, so its directory lives until the app has stopped.
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dayops-load-'));
  const configPath = join(dir, 'dayops.config.json');
  writeFileSync(configPath, JSON.stringify({ http: LIMITS }));
  const config = loadConfig({ DAYOPS_CONFIG: configPath, DAYOPS_DATA_DIR: join(dir, 'data'), DAYOPS_PORT: '0', DAYOPS_WEBHOOK_TOKEN: TOKEN });
  app = await buildApp({ config, log: silentLogger, mode: 'service' });
  port = (await app.http.start()).port;
});

afterAll(async () => {
  await app?.stop(1000);
  rmSync(dir, { recursive: true, force: true });
});

interface Client {
  socket: Socket;
  /** Everything the server sent so far. */
  received(): string;
  /** Resolves when the server has sent something matching. */
  answer(pattern: RegExp): Promise<string>;
  closed: Promise<void>;
}

/** A raw connection to 127.0.0.1, so a test can send half a request and stop. */
async function open(): Promise<Client> {
  const socket = connect(port, '127.0.0.1');
  onTestFinished(() => void socket.destroy());
  await new Promise<void>((ok, fail) => socket.once('connect', ok).once('error', fail));
  let text = '';
  const waiting: { pattern: RegExp; resolve: (t: string) => void }[] = [];
  socket.on('data', (c: Buffer) => {
    text += c.toString();
    for (const w of [...waiting]) if (w.pattern.test(text)) w.resolve(text);
  });
  socket.on('error', () => undefined);
  const closed = new Promise<void>((ok) => socket.once('close', () => ok()));
  return {
    socket,
    received: () => text,
    answer: (pattern) => new Promise((resolve) => (pattern.test(text) ? resolve(text) : waiting.push({ pattern, resolve }))),
    closed,
  };
}

const head = (authorization: string, length: number) =>
  `POST /webhooks/generic HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${authorization}\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;

describe('the HTTP server under unauthenticated and slow load (real sockets on 127.0.0.1)', () => {
  it('answers a wrong token from the headers alone, without waiting for or keeping the body', async () => {
    const c = await open();
    c.socket.write(head('Bearer wrong-token', 1_000_000));
    // Not a byte of the announced megabyte is sent: the answer comes anyway.
    expect(await c.answer(/\r\n\r\n\{.*\}$/s)).toMatch(/^HTTP\/1\.1 401 /);
    await c.closed;
    expect(app.http.current.bufferedBytes).toBe(0);
  });

  it('reads at most maxBodiesInFlight bodies at once, answers the next 503 unread, and holds nothing once they are gone', async () => {
    const senders = await Promise.all(Array.from({ length: LIMITS.maxBodiesInFlight }, () => open()));
    for (const s of senders) s.socket.write(head(`Bearer ${TOKEN}`, 100_000) + 'x'.repeat(1000));
    await vi.waitFor(() => expect(app.http.current.bodiesInFlight).toBe(LIMITS.maxBodiesInFlight), { timeout: 10_000 });
    expect(app.http.current.bufferedBytes).toBeLessThanOrEqual(LIMITS.maxBodiesInFlight * 1000);
    const extra = await open();
    extra.socket.write(head(`Bearer ${TOKEN}`, 100_000));
    expect(await extra.answer(/\r\n\r\n\{.*\}$/s)).toMatch(/^HTTP\/1\.1 503 [\s\S]*"error":"busy"/);
    for (const s of senders) s.socket.destroy();
    await vi.waitFor(() => expect(app.http.current).toMatchObject({ bodiesInFlight: 0, bufferedBytes: 0 }), { timeout: 10_000 });
  });

  it('closes connections past maxConnections as they arrive, and takes new ones once others closed', async () => {
    const held = await Promise.all(Array.from({ length: LIMITS.maxConnections }, () => open()));
    await vi.waitFor(() => expect(app.http.current.connections).toBe(LIMITS.maxConnections), { timeout: 10_000 });
    const refused = await open();
    await refused.closed;
    expect(refused.received()).toBe('');
    for (const h of held) h.socket.destroy();
    await vi.waitFor(() => expect(app.http.current.connections).toBe(0), { timeout: 10_000 });
    const later = await open();
    later.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    expect(await later.answer(/"status":"ok"/)).toMatch(/^HTTP\/1\.1 200 /);
  });

  it('cuts off a client that sends its headers too slowly (headersTimeout)', async () => {
    const c = await open();
    c.socket.write('POST /webhooks/generic HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    await c.closed;
    expect(c.received()).toMatch(/^(HTTP\/1\.1 408 |$)/);
  });

  it('cuts off a body that trickles in slower than requestTimeout allows, with 408', async () => {
    const c = await open();
    c.socket.write(head(`Bearer ${TOKEN}`, 1000) + 'x');
    const timer = setInterval(() => c.socket.writable && c.socket.write('x'), 200);
    onTestFinished(() => clearInterval(timer));
    await c.closed;
    expect(c.received()).toMatch(/^HTTP\/1\.1 408 /);
    await vi.waitFor(() => expect(app.http.current).toMatchObject({ bodiesInFlight: 0, bufferedBytes: 0 }), { timeout: 10_000 });
  });

  it('closes an idle keep-alive connection after keepAliveTimeout', async () => {
    const c = await open();
    c.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n');
    expect(await c.answer(/"status":"ok"/)).toMatch(/Keep-Alive: timeout=1/i);
    await c.closed;
  });
});
