// Domain errors carry no HTTP: the web edge maps each kind to a status and a safe message.

/** Base class of every error a service throws on purpose. */
export class DomainError extends Error {
  readonly kind: 'validation' | 'not_found' | 'forbidden' | 'conflict' | 'unauthenticated' | 'unprocessable';
  constructor(kind: DomainError['kind'], message: string) {
    super(message);
    this.kind = kind;
    this.name = new.target.name;
  }
}

/** Bad input: one message per field, shown next to that field on the website. */
export class ValidationError extends DomainError {
  readonly fields: Readonly<Record<string, string>>;
  constructor(fields: Record<string, string>) {
    super('validation', Object.values(fields).join(' '));
    this.fields = fields;
  }
}

/** The thing asked for does not exist (or is hidden from the asker). */
export class NotFoundError extends DomainError {
  constructor(message = 'Record not found') {
    super('not_found', message);
  }
}

/** The actor may not do this to this thing. */
export class ForbiddenError extends DomainError {
  constructor(message = 'This action is not allowed') {
    super('forbidden', message);
  }
}

/** Credentials were wrong, or the account cannot log in. */
export class AuthenticationError extends DomainError {
  constructor(message = 'Incorrect username or password.') {
    super('unauthenticated', message);
  }
}

/** The request is well-formed but refers to something that makes it impossible. */
export class UnprocessableError extends DomainError {
  constructor(message: string) {
    super('unprocessable', message);
  }
}

/** Throws a ValidationError when any field has a message. */
export function throwIfInvalid(fields: Record<string, string | undefined>): void {
  const errors = Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => !!e[1]));
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
}
