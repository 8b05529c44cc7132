/** The command line itself is wrong: an unknown command, a missing argument, a bad option. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
