// The production nginx site (ops/nginx/clinic.conf) rewritten for a benchmark: its cache under a temporary
// prefix, its upstream pointed at the benchmark's `next start` instances, listening on a local port. Shared by
// bench/public-pages.ts and bench/form.ts so both measure the configuration operators deploy.
import { readFileSync } from 'node:fs';
import path from 'node:path';

type Site = {
  prefix: string;
  listen: number;
  upstreams: number[];
  /** Pass the Host as sent: on a port other than the scheme's, $host drops the port a browser's Origin carries. */
  hostAsSent?: boolean;
};

/** The site's `server { … }` blocks (with its cache and upstream), ready to sit inside `http { }`. */
export function clinicSite({ prefix, listen, upstreams, hostAsSent = false }: Site): string {
  const ops = readFileSync(path.join(process.cwd(), 'ops/nginx/clinic.conf'), 'utf8');
  const replace = (text: string, from: string, to: string) => {
    if (!text.includes(from)) throw new Error(`ops/nginx/clinic.conf no longer contains "${from}": update bench/support/nginx.ts`);
    return text.split(from).join(to);
  };
  let site = replace(ops, '/var/cache/nginx/', `${prefix}/cache/`);
  site = replace(site, 'server 127.0.0.1:3000;', upstreams.map((p) => `server 127.0.0.1:${p};`).join('\n    '));
  site = replace(site, 'listen 80;', `listen 127.0.0.1:${listen};`);
  if (hostAsSent) site = replace(site, 'proxy_set_header Host $host;', 'proxy_set_header Host $http_host;');
  return site;
}

/** nginx's main configuration around `http` blocks: one worker, in the foreground, files under `prefix`. */
export function nginxMain(prefix: string, http: string): string {
  return `worker_processes 1;
daemon off;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  ${http}
}
`;
}
