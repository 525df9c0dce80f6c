/** Events the Record view reads per page (the example's whole record fits on one); ./first-reads.ts reads the first page early. */
export const RECORD_PAGE = 100;
