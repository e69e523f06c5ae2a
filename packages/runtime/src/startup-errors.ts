// Start-up failures a person can fix, told in one line that names the variable or the cause, instead
// of a stack trace: the port is taken, DATA_DIR cannot be written, PostgreSQL cannot be reached.
import { ConfigError, DIR_PROBLEMS, type Config } from './config.ts';

type Where = Pick<Config, 'port' | 'host' | 'dataDir' | 'databaseUrl'>;

interface SystemError {
  code?: string;
  syscall?: string;
  path?: string;
  message?: string;
  errors?: unknown[];
}

/** The one-line explanation of a start-up failure, or null when it is not one of the known kinds. */
export function describeStartupError(error: unknown, where: Where): string | null {
  if (error instanceof ConfigError) return `Configuration error: ${error.message}`;
  const e = (error ?? {}) as SystemError;
  const code = e.code ?? (e.errors?.[0] as SystemError | undefined)?.code;
  if (e.syscall === 'listen' || e.syscall === 'bind') {
    if (code === 'EADDRINUSE')
      return `Port ${where.port} on ${where.host} is already in use (PORT): stop the program using it, or set PORT to a free port.`;
    if (code === 'EACCES')
      return `Port ${where.port} needs privileges this user does not have (PORT): use a port above 1023 (nginx in front listens on 80 and 443).`;
    if (code === 'EADDRNOTAVAIL')
      return `HOST ${where.host} is not an address of this machine (HOST): use 127.0.0.1, or 0.0.0.0 for every address.`;
  }
  if (code && e.path && code in DIR_PROBLEMS && isInside(e.path, where.dataDir))
    return `DATA_DIR ${where.dataDir} ${DIR_PROBLEMS[code]} (${code} on ${e.path}): set DATA_DIR to a folder this user can write.`;
  const database = describeDatabaseError(code, e.message ?? '', where.databaseUrl);
  if (database) return database;
  if (error instanceof Error && /^PostgreSQL did not start/.test(error.message))
    return `The embedded PostgreSQL did not start (DATA_DIR ${where.dataDir}): ${error.message.replace(/^PostgreSQL did not start on \S+: /, '')}`;
  return null;
}

function describeDatabaseError(code: string | undefined, message: string, url: string | null): string | null {
  const target = url ? `PostgreSQL at ${serverOf(url)} (DATABASE_URL)` : 'the embedded PostgreSQL';
  switch (code) {
    case 'ECONNREFUSED':
      return `Cannot reach ${target}: connection refused; is the server running, on that host and port?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Cannot reach ${target}: its host name is not found.`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `Cannot reach ${target}: no answer (${code}); check the address and the firewall.`;
    case '28P01':
    case '28000':
      return `${cap(target)} refused the log-in: ${message}; check the user and password in DATABASE_URL.`;
    case '3D000':
      return `${cap(target)} has no such database: ${message}; create it, or fix the name in DATABASE_URL.`;
    case '57P03':
      return `${cap(target)} is starting up or shutting down; try again in a moment.`;
  }
  if (/timeout exceeded when trying to connect/i.test(message))
    return `Cannot reach ${target}: no answer within 10 s; check the address and the firewall.`;
  return null;
}

/** Prints the explanation (or, for an unexpected error, the error itself) and exits with code 1. */
export function exitOnStartupError(error: unknown, where: Where): never {
  console.error(describeStartupError(error, where) ?? error);
  process.exit(1);
}

// host:port of a postgres:// URL, without the user or password.
function serverOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || 5432}`;
  } catch {
    return 'DATABASE_URL';
  }
}

function isInside(file: string, dir: string): boolean {
  return file === dir || file.startsWith(dir.endsWith('/') ? dir : `${dir}/`);
}

const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);
