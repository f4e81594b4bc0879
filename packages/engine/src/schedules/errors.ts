// Invalid schedule input, named like EventBridge Scheduler's API error so the API layer can map
// it to a 400 without a table. The message starts with AWS's own sentence
// ("Invalid Schedule Expression <expr>.") and then says what exactly is wrong.

export class ScheduleValidationError extends Error {
  constructor(
    /** The AWS-style first sentence, e.g. `Invalid Schedule Expression rate(1 minutes).` */
    readonly awsMessage: string,
    /** What is wrong and where, for people. */
    readonly reason: string,
  ) {
    super(`${awsMessage} ${reason}`);
    this.name = 'ValidationException';
  }
}

export function invalidExpression(expression: string, reason: string): ScheduleValidationError {
  return new ScheduleValidationError(`Invalid Schedule Expression ${expression}.`, reason);
}

export function invalidTimezone(timezone: string): ScheduleValidationError {
  return new ScheduleValidationError(
    `Invalid ScheduleExpressionTimezone ${timezone}.`,
    'Use an IANA time zone name such as "UTC", "Europe/Paris" or "America/New_York".',
  );
}
