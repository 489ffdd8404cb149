/// <reference types="@remix-run/node" />
/// <reference types="vite/client" />

// compression ships no types; this is the part scripts/lib/web-server.ts uses.
declare module "compression" {
  import type { RequestHandler } from "express";
  export default function compression(): RequestHandler;
}
