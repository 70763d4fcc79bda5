/**
 * The logging surface Cinder needs: pino's calling convention (structured fields first, message
 * second), so the fastify instance's `log` fits as is. Records carry a `code` from the error
 * registry (`errors/error-registry.ts`) whenever the event is one a user can cause.
 */
export interface Logger {
  error(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  debug(fields: Record<string, unknown>, message: string): void;
}
