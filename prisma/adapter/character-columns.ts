import { ColumnTypeEnum, type SqlResultSet } from "@prisma/driver-adapter-utils";
import { CHARACTER_COLUMNS, type RowsWithCharacterColumns } from "./catalog-aware-pool";

/** Reports `"char"` columns as Character: as Text, the WebAssembly schema engine hits `unreachable`. */
export function markCharacterColumns(resultSet: SqlResultSet): SqlResultSet {
  const characterColumns = (resultSet.rows as RowsWithCharacterColumns)[CHARACTER_COLUMNS];
  if (!characterColumns) return resultSet;
  const columnTypes = [...resultSet.columnTypes];
  for (const index of characterColumns) columnTypes[index] = ColumnTypeEnum.Character;
  return { ...resultSet, columnTypes };
}
