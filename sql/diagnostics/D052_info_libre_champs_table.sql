-- D052 (first step): the table-type free fields (CB_Type 22) of F_COMPTET
-- that have a column; D052_info_libre_valeurs.sql then runs once per field.
SELECT
    l.CB_Name AS finding_key,
    CAST(l.CB_Pos AS varchar(11)) AS detail
FROM cbSysLibre AS l
WHERE l.CB_File = N'F_COMPTET'
    AND l.CB_Type = 22
    AND EXISTS (
        SELECT 1 FROM INFORMATION_SCHEMA.COLUMNS AS c
        WHERE c.TABLE_NAME = 'F_COMPTET' AND c.COLUMN_NAME = l.CB_Name
    )
ORDER BY l.CB_Pos;
