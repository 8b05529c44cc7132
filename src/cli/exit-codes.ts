/** The exit codes of `candor`, the same for every command. */
export const EXIT = {
  ok: 0,
  /** The command ran and found a problem: bad rows in a file, a broken audit chain. */
  failure: 1,
  /** The command line or the configuration is wrong (unknown command, malformed period, bad variable). */
  usage: 2,
  /** The database cannot be used now: held by a running server, or migrated by a newer build. */
  unavailable: 3,
} as const;
