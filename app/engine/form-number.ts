/** A number typed into a form, checked with zod: the messages every form shows for an empty box or text that is not a number. */
import { z } from "zod";

/** Expects the form's text already turned into a number where it parses (an empty box stays ""). */
export const formNumber = (label: string) =>
  z.number({ error: (issue) => (issue.input === "" || issue.input === undefined ? `${label} is required` : `${label} must be a number`) });
