/** Whether a database error is PostgreSQL's unique violation (23505) of the named constraint or index. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string; message?: string } | undefined;
  return e?.code === '23505' && (e.constraint === constraint || String(e.message).includes(constraint));
}
