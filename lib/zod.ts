// zod, configured for pages under a strict Content-Security-Policy. zod 4 probes whether it may compile parsers
// with `Function("")` when its first object schema is built; in the browser, under a policy without
// 'unsafe-eval', that probe is a CSP violation (reported, though zod then falls back). `jitless` skips the probe
// and the compiled fast path. Every module in lib/ and components/ imports z from here, never from 'zod'
// (tests/unit/csp.test.ts checks), so the setting is in place before any schema is built.
import { z } from 'zod';

z.config({ jitless: true });

export { z };
