/** A bulk operation as the simulator tracks it; the GraphQL BulkOperation view reads this. */
export type BulkOperationStatus = "CREATED" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELED" | "CANCELING" | "EXPIRED";
export type BulkOperationErrorCode = "ACCESS_DENIED" | "INTERNAL_SERVER_ERROR" | "TIMEOUT";

export interface BulkOperationRecord {
  id: string;
  query: string;
  type: "QUERY";
  status: BulkOperationStatus;
  errorCode: BulkOperationErrorCode | null;
  createdAt: string;
  completedAt: string | null;
  objectCount: number;
  rootObjectCount: number;
  fileSize: number | null;
  /** Simulator URLs of the result file (COMPLETED) or partial file (FAILED with partial data). */
  url: string | null;
  partialDataUrl: string | null;
  filePath: string | null;
}
