import { ColumnTypeEnum, type SqlResultSet } from "@prisma/driver-adapter-utils";
import { describe, expect, it } from "vitest";
import { CHARACTER_COLUMNS } from "../../../prisma/adapter/catalog-aware-pool";
import { adapterOidFor, isCharacterColumn, PG_OID } from "../../../prisma/adapter/catalog-types";
import { markCharacterColumns } from "../../../prisma/adapter/character-columns";
import { isCalledFromWebAssembly } from "../../../prisma/adapter/unref-engine-timers";

describe("adapterOidFor", () => {
  it("reads name as text and name[] as text[]", () => {
    expect(adapterOidFor(PG_OID.NAME)).toBe(25);
    expect(adapterOidFor(PG_OID.NAME_ARRAY)).toBe(1009);
  });

  it('reads "char" as text (its column type is fixed separately)', () => {
    expect(adapterOidFor(PG_OID.CHAR)).toBe(25);
    expect(isCharacterColumn(18)).toBe(true);
    expect(isCharacterColumn(25)).toBe(false);
  });

  it.each([16, 20, 23, 25, 1043, 1184, 3802, 1009, 1002, 16_385])("leaves OID %i alone", (oid) => {
    expect(adapterOidFor(oid)).toBe(oid);
  });
});

describe("markCharacterColumns", () => {
  const resultSet = (rows: unknown[][]): SqlResultSet => ({
    columnNames: ["relname", "relkind", "reltuples"],
    columnTypes: [ColumnTypeEnum.Text, ColumnTypeEnum.Text, ColumnTypeEnum.Float],
    rows,
  });

  it('reports the recorded "char" columns as Character', () => {
    const rows = [["Shop", "r", 0]];
    Object.defineProperty(rows, CHARACTER_COLUMNS, { value: [1] });
    expect(markCharacterColumns(resultSet(rows)).columnTypes).toEqual([
      ColumnTypeEnum.Text,
      ColumnTypeEnum.Character,
      ColumnTypeEnum.Float,
    ]);
  });

  it("leaves result sets without such columns unchanged", () => {
    const original = resultSet([["Shop", "r", 0]]);
    expect(markCharacterColumns(original)).toBe(original);
  });
});

describe("isCalledFromWebAssembly", () => {
  it("spots WebAssembly frames in a stack trace", () => {
    expect(isCalledFromWebAssembly("Error\n    at rlt (index.js:150)\n    at wasm://wasm/00f9e99e:wasm-function[4243]")).toBe(true);
    expect(isCalledFromWebAssembly("Error\n    at BoundPool._release (pg-pool/index.js:410:13)")).toBe(false);
    expect(isCalledFromWebAssembly(undefined)).toBe(false);
  });
});
