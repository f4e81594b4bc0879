// PutRule's input checks, with AWS's error codes and messages.

import { compileEventPattern, type EventPatternMatcher } from '../patterns/index.ts';
import type { PutRuleInput, RuleState, RuleTarget } from './bus.ts';
import { LimitExceededException, patternConstraintMessage, ValidationException } from './errors.ts';

/** Rule names, target ids and replay names all follow this pattern, 1–64 characters. */
export const NAME_PATTERN = '[\\.\\-_A-Za-z0-9]+';
const NAME_RE = /^[.\-_A-Za-z0-9]+$/;

/** EventBridge's quota of targets per rule. */
export const MAX_TARGETS_PER_RULE = 5;

export interface Rule {
  name: string;
  arn: string;
  pattern: string;
  matcher: EventPatternMatcher;
  state: RuleState;
  description?: string;
  targets: RuleTarget[];
}

export function checkName(value: unknown, member: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new ValidationException(
      `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
    );
  }
  if (value.length > 64) {
    throw new ValidationException(
      `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must have length less than or equal to 64`,
    );
  }
  if (!NAME_RE.test(value))
    throw new ValidationException(patternConstraintMessage(value, member, NAME_PATTERN));
  return value;
}

/** Validates a PutRule input and compiles its pattern (InvalidEventPatternError when bad). */
export function buildRule(input: PutRuleInput, arnOf: (name: string) => string): Rule {
  const name = checkName(input?.name, 'name');
  if (input.eventPattern === undefined || input.eventPattern === null || input.eventPattern === '') {
    throw new ValidationException('Parameter(s) EventPattern or ScheduleExpression must be specified.');
  }
  const state = input.state ?? 'ENABLED';
  if (state !== 'ENABLED' && state !== 'DISABLED') {
    throw new ValidationException(
      `1 validation error detected: Value '${String(state)}' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]`,
    );
  }
  const matcher = compileEventPattern(input.eventPattern);
  const targets = input.targets ?? [];
  if (!Array.isArray(targets))
    throw new ValidationException('Parameter Targets is not valid. Reason: Targets must be a list.');
  if (targets.length > MAX_TARGETS_PER_RULE) {
    throw new LimitExceededException('The requested resource exceeds the maximum number allowed.');
  }
  const ids = new Set<string>();
  for (const target of targets) {
    const id = checkName(target?.id, 'targets.member.id');
    if (ids.has(id)) {
      // APPROXIMATION: AWS's text for a repeated target id is not documented.
      throw new ValidationException(`Parameter Targets is not valid. Reason: Target id ${id} is duplicated.`);
    }
    ids.add(id);
    checkRetryPolicy(target);
  }
  return {
    name,
    arn: arnOf(name),
    pattern: matcher.source,
    matcher,
    state,
    ...(input.description !== undefined ? { description: input.description } : {}),
    targets: structuredClone(targets),
  };
}

function checkRetryPolicy(target: RuleTarget): void {
  const policy = target.retryPolicy;
  if (policy === undefined) return;
  const check = (value: unknown, member: string, min: number, max: number) => {
    if (value === undefined) return;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new ValidationException(
        `1 validation error detected: Value '${String(value)}' at '${member}' failed to satisfy constraint: Member must have value between ${min} and ${max}`,
      );
    }
  };
  check(policy.maximumRetryAttempts, 'targets.member.retryPolicy.maximumRetryAttempts', 0, 185);
  check(policy.maximumEventAgeInSeconds, 'targets.member.retryPolicy.maximumEventAgeInSeconds', 60, 86_400);
}
