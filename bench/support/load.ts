// A small keep-alive HTTP/1.1 load generator for the benchmarks (autocannon is not a dependency): N connections
// to one address on this machine, each sending its next GET as soon as the previous answer is read, for a fixed
// time. Raw sockets and a minimal response parser (Content-Length or chunked), so the generator itself costs
// little next to the servers it measures. Returns requests per second and latency percentiles.
import net from 'node:net';

export type LoadOptions = {
  port: number;
  path: string;
  connections?: number;
  seconds: number;
  headers?: Record<string, string>;
  host?: string;
};

export type LoadResult = {
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  /** Mean bytes per response, headers included: the same figure for two servers means the same work. */
  bytesPerResponse: number;
  /** Status codes seen, with how often. */
  statuses: Record<string, number>;
};

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** Length of the first whole response in `buf`, or -1 when more bytes are needed. */
export function responseLength(buf: Buffer): { length: number; status: number } | null {
  const end = buf.indexOf(HEADER_END);
  if (end < 0) return null;
  const head = buf.subarray(0, end).toString('latin1');
  const status = Number(head.slice(9, 12));
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (length) {
    const total = end + 4 + Number(length[1]);
    return buf.length >= total ? { length: total, status } : null;
  }
  if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
    let at = end + 4;
    for (;;) {
      const lineEnd = buf.indexOf(CRLF, at);
      if (lineEnd < 0) return null;
      const size = parseInt(buf.subarray(at, lineEnd).toString('latin1'), 16);
      at = lineEnd + 2 + size + 2;
      if (buf.length < at) return null;
      if (size === 0) return { length: at, status };
    }
  }
  // No body (304, 204) or a body ending with the connection: not used here.
  return { length: end + 4, status };
}

const percentile = (sorted: Float64Array, p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;

export async function load({ port, path, connections = 50, seconds, headers = {}, host = '127.0.0.1' }: LoadOptions): Promise<LoadResult> {
  const request = Buffer.from(
    `GET ${path} HTTP/1.1\r\nHost: ${host}:${port}\r\nConnection: keep-alive\r\n` +
      Object.entries(headers)
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('') +
      '\r\n',
  );
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let bytes = 0;
  const started = performance.now();
  const until = started + seconds * 1000;

  // One connection until the server closes it (nginx does after 1,000 requests) or the time is up.
  const connection = () =>
    new Promise<void>((resolve) => {
      const socket = net.connect({ port, host, noDelay: true });
      let buf = Buffer.alloc(0);
      let sentAt = 0;
      const send = () => {
        if (performance.now() >= until) {
          socket.end();
          resolve();
          return;
        }
        sentAt = performance.now();
        socket.write(request);
      };
      socket.on('connect', send);
      socket.on('data', (chunk) => {
        buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
        const whole = responseLength(buf);
        if (!whole) return;
        latencies.push(performance.now() - sentAt);
        bytes += whole.length;
        statuses[whole.status] = (statuses[whole.status] ?? 0) + 1;
        buf = buf.subarray(whole.length);
        send();
      });
      socket.on('error', () => {
        errors++;
        resolve();
      });
      socket.on('close', () => resolve());
    });

  // Each of the N keeps a connection open for the whole run, opening a new one when the server closes its own.
  const one = async () => {
    while (performance.now() < until) await connection();
  };
  await Promise.all(Array.from({ length: connections }, one));
  const elapsed = (performance.now() - started) / 1000;
  const sorted = Float64Array.from(latencies).sort();
  return {
    requests: latencies.length,
    rps: Math.round(latencies.length / elapsed),
    p50Ms: Number(percentile(sorted, 50).toFixed(2)),
    p99Ms: Number(percentile(sorted, 99).toFixed(2)),
    errors,
    bytesPerResponse: latencies.length ? Math.round(bytes / latencies.length) : 0,
    statuses,
  };
}
