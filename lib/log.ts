// The product's log: one JSON object per line (pino), with a level, a time, the component that wrote it and,
// inside a request, the request id the proxy gave it (the same id the problem page shows a patient). Log the
// kind of a thing, never its values: a field named like personal or health data is replaced by "[redacted]"
// wherever it sits (two levels deep), as a net under that rule, not instead of it.
import pino, { type Logger } from 'pino';

/** Field names that may carry a person's data; any value under one of these keys is never written. */
export const REDACTED_FIELDS = [
  'name',
  'firstName',
  'lastName',
  'fullName',
  'email',
  'to',
  'toAddress',
  'phone',
  'message',
  'painDescription',
  'symptoms',
  'notes',
  'note',
  'address',
  'dateOfBirth',
  'password',
  'token',
  'secret',
  'otp',
  'body',
  'html',
  'text',
  'subject',
  'values',
  'props',
  'headers',
  'cookie',
  'authorization',
  'ip',
] as const;

const paths = REDACTED_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]);

function level(): pino.LevelWithSilent {
  const configured = process.env.LOG_LEVEL?.trim().toLowerCase();
  if (configured && ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(configured)) {
    return configured as pino.LevelWithSilent;
  }
  return process.env.NODE_ENV === 'test' ? 'warn' : 'info';
}

type Holder = { logger?: Logger };
const holder: Holder = ((globalThis as { __clinicLogger?: Holder }).__clinicLogger ??= {});

/** A logger with the product's options, writing to stdout or to the given stream (tests capture lines). */
export function createLogger(destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: level(),
    base: { service: 'clinic-consult' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths, censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** The process's root logger (shared across Next.js's bundles, like the database). */
export function rootLogger(): Logger {
  holder.logger ??= createLogger();
  return holder.logger;
}

/** Replaces the process's root logger (the test setup captures what the code logs). */
export function setRootLogger(logger: Logger): void {
  holder.logger = logger;
}

/** A logger for one part of the product outside any request (the email worker, start-up, scripts). */
export function componentLogger(component: string, fields: Record<string, unknown> = {}): Logger {
  return rootLogger().child({ component, ...fields });
}

/**
 * A logger for the current request, carrying its request id. Outside a request (the worker, a script) it
 * falls back to the component's logger.
 */
export async function requestLogger(component: string): Promise<Logger> {
  try {
    const [{ headers }, { REQUEST_ID_HEADER, requestIdFor }] = await Promise.all([import('next/headers'), import('./http/request-id')]);
    const h = await headers();
    return componentLogger(component, { requestId: requestIdFor(h.get(REQUEST_ID_HEADER)) });
  } catch {
    return componentLogger(component);
  }
}

/** What is written of one console argument: an error becomes its kind (and digest), never its message. */
export function consoleArgument(value: unknown, kindOf: (error: unknown) => string): string {
  if (value instanceof Error) {
    const digest = (value as { digest?: unknown }).digest;
    return `[${kindOf(value)}${typeof digest === 'string' ? ` digest ${digest}` : ''}]`;
  }
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as { digest?: unknown }).digest === 'string') {
    return `[digest ${(value as { digest: string }).digest}]`;
  }
  return `[${typeof value}]`;
}

/**
 * Sends everything written to the console (Next.js's own start-up lines and the errors it prints) through
 * the logger, so every line of a production server is JSON, and an error Next.js prints appears as its kind
 * only: its message can carry a query's values (patients' words).
 */
export function routeConsoleThroughLogger(kindOf: (error: unknown) => string): void {
  const log = componentLogger('next');
  const join = (args: unknown[]) => args.map((a) => consoleArgument(a, kindOf)).join(' ').trim().slice(0, 1_000);
  console.log = (...args: unknown[]) => log.info(join(args));
  console.info = (...args: unknown[]) => log.info(join(args));
  console.warn = (...args: unknown[]) => log.warn(join(args));
  console.error = (...args: unknown[]) => log.error(join(args));
}
