/**
 * The schema engine's catalog queries return types @prisma/adapter-pg 6.19 cannot describe
 * (prisma/orm#27403). These are the OIDs involved and what each must look like to the adapter.
 */
export const PG_OID = {
  CHAR: 18, // the one-byte `"char"` type, e.g. pg_class.relkind
  NAME: 19,
  TEXT: 25,
  NAME_ARRAY: 1003,
  TEXT_ARRAY: 1009,
} as const;

/**
 * The OID pg should parse a column as, and the adapter should classify it as.
 * `name` is text and `name[]` is text[]; `"char"` is read as text, then reported as Character
 * (see `isCharacterColumn`) because the WebAssembly engine crashes on a text-typed `"char"`.
 */
export function adapterOidFor(oid: number): number {
  switch (oid) {
    case PG_OID.NAME:
    case PG_OID.CHAR:
      return PG_OID.TEXT;
    case PG_OID.NAME_ARRAY:
      return PG_OID.TEXT_ARRAY;
    default:
      return oid;
  }
}

export function isCharacterColumn(oid: number): boolean {
  return oid === PG_OID.CHAR;
}
