-- Free-field definitions of the tiers file (cbSysLibre, type 0 = unused) and
-- the ten statistical fields (P_STATISTIQUE, blank label = unused slot),
-- each with the physical column of F_COMPTET holding its value, and whether
-- that column exists (a definition without its column is not replicated).
-- Text columns carry explicit types so every branch keeps its full length.
SELECT
    CAST(N'F_COMPTET' AS nvarchar(20)) AS Source,
    s.CB_Name AS Name,
    s.CB_Type AS CbType,
    s.CB_Len AS Len,
    s.CB_Pos AS Pos,
    s.CB_Name AS ColumnName,
    CASE
        WHEN
            EXISTS (
                SELECT 1
                FROM INFORMATION_SCHEMA.COLUMNS AS c
                WHERE c.TABLE_NAME = 'F_COMPTET' AND c.COLUMN_NAME = s.CB_Name
            )
            THEN 1
        ELSE 0
    END AS HasColumn
FROM dbo.cbSysLibre AS s
WHERE s.CB_File = N'F_COMPTET' AND s.CB_Type <> 0
UNION ALL
SELECT
    CAST(N'P_STATISTIQUE' AS nvarchar(20)) AS Source,
    CAST(LTRIM(RTRIM(p.S_Intitule)) AS nvarchar(128)) AS Name,
    9 AS CbType,
    21 AS Len,
    p.cbIndice AS Pos,
    N'CT_Statistique' + RIGHT(N'0' + CAST(p.cbIndice AS nvarchar(2)), 2) AS ColumnName,
    1 AS HasColumn
FROM dbo.P_STATISTIQUE AS p
WHERE p.S_Intitule IS NOT NULL AND LTRIM(RTRIM(p.S_Intitule)) <> '' AND p.cbIndice BETWEEN 1 AND 10
ORDER BY Source, Pos;
