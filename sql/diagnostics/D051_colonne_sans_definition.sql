-- D051: F_COMPTET column that is neither a Sage column (standard
-- prefixes) nor a free field defined in cbSysLibre.
SELECT c.COLUMN_NAME AS finding_key
FROM INFORMATION_SCHEMA.COLUMNS AS c
WHERE c.TABLE_NAME = 'F_COMPTET'
    AND c.COLUMN_NAME NOT LIKE 'CT[_]%'
    AND c.COLUMN_NAME NOT LIKE 'CG[_]%'
    AND c.COLUMN_NAME NOT LIKE 'N[_]%'
    AND c.COLUMN_NAME NOT LIKE 'CO[_]%'
    AND c.COLUMN_NAME NOT LIKE 'DE[_]%'
    AND c.COLUMN_NAME NOT LIKE 'CA[_]%'
    AND c.COLUMN_NAME NOT LIKE 'MR[_]%'
    AND c.COLUMN_NAME NOT LIKE 'EB[_]%'
    AND c.COLUMN_NAME NOT LIKE 'BT[_]%'
    AND c.COLUMN_NAME NOT LIKE 'INT[_]%'
    AND c.COLUMN_NAME NOT LIKE 'cb%'
    AND NOT EXISTS (
        SELECT 1 FROM cbSysLibre AS l
        WHERE l.CB_File = N'F_COMPTET' AND l.CB_Name = c.COLUMN_NAME
    )
ORDER BY c.COLUMN_NAME;
