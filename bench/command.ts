// A benchmark run as its own command: its options read (exit 2 and the usage when they are wrong), a stop on Ctrl-C or a kill, its figures printed.

export interface BenchCommand<O, R> {
  /** Put in front of messages, e.g. `streams`. */
  name: string;
  usage: string;
  readOptions(argv: string[]): O | 'help';
  run(options: O): Promise<R>;
  format(result: R): string;
  /** Stops whatever the run has started (engines, gateways): on a signal, before exiting. */
  stop(): Promise<void>;
}

export async function runBenchCommand<O, R>(command: BenchCommand<O, R>): Promise<void> {
  let options: O | 'help';
  try {
    options = command.readOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${command.usage}`);
    process.exit(2);
  }
  if (options === 'help') {
    console.log(command.usage);
    return;
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`${command.name}: ${signal}, cleaning up\n`);
      void command.stop().finally(() => process.exit(130));
    });
  }
  try {
    console.log(command.format(await command.run(options)));
  } catch (error) {
    console.error(`${command.name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  }
}
