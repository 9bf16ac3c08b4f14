-- D050: free-field definition of F_COMPTET without a column of that name.
SELECT l.CB_Name AS finding_key
FROM cbSysLibre AS l
WHERE l.CB_File = N'F_COMPTET'
    AND NOT EXISTS (
        SELECT 1 FROM INFORMATION_SCHEMA.COLUMNS AS c
        WHERE c.TABLE_NAME = 'F_COMPTET' AND c.COLUMN_NAME = l.CB_Name
    )
ORDER BY l.CB_Name;
