/** Shop-local calendar days as "YYYY-MM-DD" strings: the date arithmetic the planning core shares. */
export { addDays, daysBetween, fromDayNumber, toDayNumber, weekdayOfDay, weekStartOf } from "./forecast/weekly";
