// Steps a benchmark must undo (engines, gateways, containers), run in reverse order whatever happened.

export class Cleanup {
  private readonly steps: Array<{ what: string; run: () => Promise<void> | void }> = [];
  private running: Promise<void> | undefined;

  constructor(private readonly log: (message: string) => void) {}

  add(what: string, run: () => Promise<void> | void): void {
    this.steps.push({ what, run });
  }

  run(): Promise<void> {
    this.running ??= (async () => {
      for (const step of this.steps.splice(0).reverse()) {
        try {
          await step.run();
        } catch (error) {
          this.log(`cleanup failed (${step.what}): ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    })();
    return this.running;
  }
}
