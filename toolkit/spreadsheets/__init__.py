"""Reading uploaded spreadsheets (xlsx, xlsm, xls, ods, csv) safely."""
