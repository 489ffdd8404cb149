/** Imported first by the worker's entry: a missing or malformed variable stops it before anything connects. */
import { loadEnv } from "~/platform/env.server";

loadEnv("worker");
