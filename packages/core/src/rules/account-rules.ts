// Account rules of docs/product.md §3, shared by the website, the API and the CLI.

export const USERNAME_PATTERN = /^[A-Za-z0-9_]{1,30}$/;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;
export const DISPLAY_NAME_MAX = 30;
export const BIO_MAX = 500;
const EMAIL_MAX = 254;
// Deliberately simple: one @, no spaces, a dot in the domain. The confirmation e-mail is the real check.
// Control characters (\p{Cc}: NUL, DEL, ...) are never part of an address.
const EMAIL_PATTERN = /^[^\s\p{Cc}@<>()",;:]+@[^\s\p{Cc}@<>()",;:]+\.[^\s\p{Cc}@<>()",;:.]+$/u;

/** Returns the error message for a username, or undefined when it is valid. */
export function usernameError(username: string): string | undefined {
  if (username.length === 0) return 'Username is required.';
  if (username.length > 30) return 'Username must be at most 30 characters.';
  if (!USERNAME_PATTERN.test(username)) return 'Username may only contain letters, digits and underscores.';
  return undefined;
}

/** Returns the error message for an e-mail address, or undefined when it is valid. */
export function emailError(email: string): string | undefined {
  if (email.length === 0) return 'E-mail is required.';
  if (email.length > EMAIL_MAX || !EMAIL_PATTERN.test(email)) return 'E-mail address is not valid.';
  return undefined;
}

/** Returns the error message for a new password, or undefined when it is valid. */
export function passwordError(password: string): string | undefined {
  // Counted in code points like every other length here, so an emoji is one character, not two.
  const length = [...password].length;
  if (length < PASSWORD_MIN) return `Password must be at least ${PASSWORD_MIN} characters.`;
  if (length > PASSWORD_MAX) return `Password must be at most ${PASSWORD_MAX} characters.`;
  return undefined;
}

/** Returns the error message for a display name, or undefined when it is valid. */
export function displayNameError(name: string): string | undefined {
  return [...name].length > DISPLAY_NAME_MAX
    ? `Display name must be at most ${DISPLAY_NAME_MAX} characters.`
    : undefined;
}

/** Returns the error message for a bio, or undefined when it is valid. */
export function bioError(bio: string): string | undefined {
  return [...bio].length > BIO_MAX ? `Bio must be at most ${BIO_MAX} characters.` : undefined;
}
