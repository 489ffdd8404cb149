/** The row ids a form names (`id` repeated): whole numbers that fit a row id; anything else is left out. */
export function formIds(form: FormData, name = "id"): number[] {
  return form
    .getAll(name)
    .map(String)
    .filter((value) => /^\d{1,9}$/.test(value))
    .map(Number);
}
