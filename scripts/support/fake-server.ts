// What the local stand-ins for outside services (`npm run fake:resend`, `npm run fake:twilio`) share: a clear
// line when their port is taken, closing on Ctrl-C or SIGTERM, and a failure printed as one line.

/** Turns EADDRINUSE into a sentence naming the variable that picks another port. */
export function explainPortInUse(port: number, variable: string) {
  return (error: NodeJS.ErrnoException): never => {
    throw error.code === 'EADDRINUSE' ? new Error(`Port ${port} is in use: set ${variable} to another port`) : error;
  };
}

/** Closes the fake on SIGINT or SIGTERM, then exits. */
export function closeOnSignal(fake: { close: () => Promise<void> }): void {
  const shutdown = () => {
    fake.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

/** Runs a script's main, printing a failure as its message alone. */
export function run(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  });
}
