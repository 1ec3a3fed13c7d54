// The one error type for problems found while starting the server (bad config, missing ${ENV}).

/** Thrown at start-up only; `main` prints `message` as one line and exits 1. Never reaches a client. */
export class StartupError extends Error {
  override name = "StartupError";
  /** What needs the value, e.g. `apps.github.auth.token`; absent when the message says it all. */
  readonly field?: string;

  constructor(message: string, field?: string) {
    super(message);
    this.field = field;
  }
}
