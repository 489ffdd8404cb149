import { describe, expect, it } from "vitest";
import { foldersClosedToOthers } from "../../../scripts/lib/directory-access";

describe("foldersClosedToOthers", () => {
  const modes: Record<string, number> = { "/": 0o755, "/root": 0o700, "/root/repo": 0o755, "/work": 0o755, "/work/main": 0o750 };
  const modeOf = (dir: string) => modes[dir];

  it("names the ancestors other users cannot enter", () => {
    expect(foldersClosedToOthers("/root/repo", modeOf)).toEqual(["/root"]);
    expect(foldersClosedToOthers("/work/main", modeOf)).toEqual(["/work/main"]);
  });

  it("finds nothing when every folder is traversable", () => {
    expect(foldersClosedToOthers("/work", modeOf)).toEqual([]);
  });
});
