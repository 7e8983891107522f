// Error classes that the one top-level handler maps to exit statuses. A UserError is a
// mistake the user can fix (exit 2, one clear line); anything else is a bug or an outage
// (exit 1).

export class UserError extends Error {
  readonly exitCode: number = 2;
  /** Further lines (e.g. every YAML error) printed after the message. */
  readonly details: string[];
  constructor(message: string, details: string[] = []) {
    super(message);
    this.name = 'UserError';
    this.details = details;
  }
}

/**
 * A UserError about one input, in domain words: `input` names it ("at", "effective") and
 * `phrase` says what is wrong, given the name of the flag that carried it when there is one.
 * The app throws it without a flag; the CLI, which knows its flags, asks `withFlag` for the
 * same sentence naming the flag.
 */
export class InputError extends UserError {
  readonly input: string;
  private readonly phrase: (flag?: string) => string;
  constructor(input: string, phrase: (flag?: string) => string, details: string[] = []) {
    super(phrase(), details);
    this.input = input;
    this.phrase = phrase;
  }

  withFlag(flag: string): UserError {
    return new UserError(this.phrase(flag), this.details);
  }
}

/** A failure at run time that is not a bug: database unusable, network down. Exit 1. */
export class RuntimeFailure extends Error {
  readonly exitCode: number = 1;
  constructor(message: string) {
    super(message);
    this.name = 'RuntimeFailure';
  }
}

/**
 * A stored rotation that cannot be computed within bounds: a handoff rule an older version
 * accepted (one that never fires, or fires every second), or more handoffs than one question
 * may list. The core says what is wrong with the layer; the app names the schedule and sets
 * it aside where the other schedules can still answer. Exit 1.
 */
export class UnusableRotation extends RuntimeFailure {
  constructor(message: string) {
    super(message);
    this.name = 'UnusableRotation';
  }
}

/** The user stopped the command (Ctrl-C in the timeline). Exit 130, as a shell reports SIGINT. */
export class Interrupted extends Error {
  readonly exitCode: number = 130;
  constructor() {
    super('interrupted');
    this.name = 'Interrupted';
  }
}

/**
 * The command ran and its output is complete, but it found problems a CI job should stop on
 * (`oncall check`, a gap in an escalation chain). Exit 3.
 */
export class ProblemsFound extends Error {
  readonly exitCode: number = 3;
  constructor(message: string) {
    super(message);
    this.name = 'ProblemsFound';
  }
}

/**
 * The command ran and its output is complete, and it reports changes not made yet: `apply
 * --dry-run` with a plan that is not empty. A CI job tells "changes pending" (4) from "no
 * changes" (0), "problems found" (3) and invalid input (2). Nothing more is printed: the plan
 * on stdout says what is pending.
 */
export class ChangesPending extends Error {
  readonly exitCode: number = 4;
  constructor(message: string) {
    super(message);
    this.name = 'ChangesPending';
  }
}
